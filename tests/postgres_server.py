"""The local PostgreSQL server, for tests that run the application in other processes on a
fresh database of their own (the attacker and faults-under-load tests)."""

import psycopg
import pytest

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def fresh_database(name: str) -> psycopg.Connection:
    """Drop and create database ``name``; returns an autocommit connection to the server (use it
    in a ``with``). Skips the test when no server is running."""
    try:
        server = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not running")
    server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    server.execute(f"CREATE DATABASE {name}")
    return server
