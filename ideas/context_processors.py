def notifications(request):
    """`unread_notifications` for the header: the unread notices of every source of the member's
    notification centre (ideas, component proposals...), one cheap count each; no query for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    from hub.notification_centre import unread_count

    return {"unread_notifications": unread_count(user)}
