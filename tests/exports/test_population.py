import pytest
from django.core.management import CommandError, call_command

from analysis.models import PopulationMargin
from analysis.population import population_sets

HEADER = "name,characteristic,group,share,source\n"


def _csv(tmp_path, body):
    path = tmp_path / "population.csv"
    path.write_text(HEADER + body)
    return str(path)


@pytest.mark.django_db
def test_builtin_loads_the_lcr_age_profile():
    call_command("load_population", "--builtin")
    ages = population_sets()["LCR Equality Strategy"]["age_band"]
    assert ages == {"0-15": 0.183, "16-24": 0.113, "25-34": 0.138, "35-44": 0.118, "45-54": 0.126,
                    "55-64": 0.131, "65+": 0.19}
    call_command("load_population", "--builtin")  # running it again replaces, never duplicates
    assert PopulationMargin.objects.count() == 7


@pytest.mark.django_db
def test_a_csv_loads_percentages_and_proportions(tmp_path):
    call_command("load_population", _csv(tmp_path, "ONS 2023,sex,female,51.5%,ONS\nONS 2023,sex,male,0.485,ONS\n"))
    assert population_sets()["ONS 2023"]["sex"] == {"female": 0.515, "male": 0.485}


@pytest.mark.django_db
def test_bad_rows_are_named_by_row_number_and_nothing_is_loaded(tmp_path):
    body = ("X,sex,female,0.5,\n"  # row 2 fine
            "X,sex,male,1.5,\n"  # row 3: share out of range
            "X,sex,female,0.5,\n"  # row 4: duplicate
            ",age_band,16-24,0.1,\n")  # row 5: no name
    with pytest.raises(CommandError) as caught:
        call_command("load_population", _csv(tmp_path, body))
    message = str(caught.value)
    assert "row 3: share 1.5 is not between 0 and 1" in message
    assert "row 4: sex = female appears twice" in message
    assert "row 5: missing name" in message
    assert "row 2" not in message
    assert not PopulationMargin.objects.exists()


@pytest.mark.django_db
def test_shares_must_add_up_within_a_set(tmp_path):
    with pytest.raises(CommandError, match="row 2: shares for sex in X add up to 70.0%"):
        call_command("load_population", _csv(tmp_path, "X,sex,female,0.4,\nX,sex,male,0.3,\n"))


@pytest.mark.django_db
def test_reloading_a_set_drops_groups_no_longer_listed(tmp_path):
    call_command("load_population", _csv(tmp_path, "X,sex,female,0.5,\nX,sex,male,0.49,\nX,sex,other,0.01,\n"))
    call_command("load_population", _csv(tmp_path, "X,sex,female,0.51,\nX,sex,male,0.49,\n"))
    assert population_sets()["X"]["sex"] == {"female": 0.51, "male": 0.49}


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,group\nX,a\n")
    with pytest.raises(CommandError, match="missing characteristic, share"):
        call_command("load_population", str(path))
