from raovat.cases.selectors.reminders import reminders_for


def unit_menu(request):
    """The menu named after the user's unit, with a count per work list."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.unit_id is None:
        return {}
    if not hasattr(request, "_reminders"):
        request._reminders = reminders_for(unit=user.unit)
    return {"menu_unit": user.unit, "menu_reminders": request._reminders}
