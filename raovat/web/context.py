from raovat.cases.selectors.reminders import reminders_for
from raovat.web.screens import screen_url


def unit_menu(request):
    """The menu named after the user's unit, with a count per work list."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.unit_id is None:
        return {}
    return {"menu_unit": user.unit, "menu_reminders": unit_reminders(request)}


def unit_reminders(request):
    """The reminders of the user's unit, counted once per request, each with its screen."""
    if not hasattr(request, "_reminders"):
        unit = request.user.unit
        reminders = reminders_for(unit=unit) if unit else []
        for r in reminders:
            r.url = screen_url(unit.role, r.state)
        request._reminders = reminders
    return request._reminders
