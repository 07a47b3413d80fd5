"""The people page: administrators grant and revoke roles within their own scope (engagement/roles.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import roles
from .roles_forms import PersonAddForm, RoleForm


def _require_administrator(user) -> None:
    if not roles.managed_programmes(user).exists():
        raise PermissionDenied("The people page needs the administrator role.")


def _person(actor, pk):
    _require_administrator(actor)
    person = roles.people_for(actor).filter(pk=pk).first()
    if person is None:  # outside the actor's scope: not even whether the account exists
        raise Http404("No such person in your programmes")
    return person


@login_required
def people_list(request):
    _require_administrator(request.user)
    people = [(person, roles.visible_roles(request.user, person)) for person in roles.people_for(request.user)]
    return render(request, "roles/people_list.html", {"people": people})


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request):
    _require_administrator(request.user)
    form = PersonAddForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = roles.person_add(actor=request.user, email=data["email"], first_name=data["first_name"],
                                      last_name=data["last_name"], role=data["role"], programme=data["programme"])
        except roles.RoleChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{person.email} can now sign in with the roles below")
            return redirect("roles:person", pk=person.pk)
    return render(request, "roles/person_add.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, pk):
    person = _person(request.user, pk)
    form = RoleForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            roles.role_grant(actor=request.user, person=person, role=form.cleaned_data["role"],
                             programme=form.cleaned_data["programme"])
        except roles.RoleChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Role added")
            return redirect("roles:person", pk=person.pk)
    context = {"person": person, "assignments": roles.visible_roles(request.user, person), "form": form,
               "is_self": person.pk == request.user.pk}
    return render(request, "roles/person_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def role_revoke(request, pk, assignment_pk):
    person = _person(request.user, pk)
    assignment = get_object_or_404(roles.visible_roles(request.user, person), pk=assignment_pk)
    try:
        roles.role_revoke(actor=request.user, assignment=assignment)
    except roles.RoleChangeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Role removed from {person.email}")
        if not roles.people_for(request.user).filter(pk=person.pk).exists():
            return redirect("roles:people")  # their last role in your programmes
    return redirect("roles:person", pk=person.pk)
