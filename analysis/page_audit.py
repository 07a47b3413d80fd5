"""Every analysis page view is audit-logged like the API: who, which survey, which page and
which figures and filters were asked for (the page's query), so repeated differencing
through the pages leaves the same trail as through the API (docs/analysis.md). Theme pages
name a codebook, not a survey, in their address: the event's ``path`` says which."""

from functools import wraps

from engagement.audit import audit_record

MAX_PARAMETERS = 20  # a query has a handful; bound what one request can write
MAX_LENGTH = 200


def audited_page(view):
    """Record a successful GET of ``view`` as ``analysis.page`` (target: the survey's slug when
    the URL has one). Refusals (403/404) and redirects are not views of figures."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            query = {key: [value[:MAX_LENGTH] for value in request.GET.getlist(key)[:MAX_PARAMETERS]]
                     for key in list(request.GET)[:MAX_PARAMETERS]}
            audit_record(actor=request.user, action="analysis.page", target=kwargs.get("slug", ""),
                         page=request.resolver_match.view_name if request.resolver_match else view.__name__,
                         path=request.path[:MAX_LENGTH], query=query)
        return response

    return wrapper
