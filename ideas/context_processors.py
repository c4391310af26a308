def notifications(request):
    """`unread_notifications` for the header: one cheap count for members, no query for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    from .notifications import unread_count

    return {"unread_notifications": unread_count(user)}
