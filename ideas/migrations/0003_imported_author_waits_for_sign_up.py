from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations, models


def _placeholder_authors(apps):
    """Inactive accounts the importer created for unknown authors: never signed in, no address
    record, no usable password, username = email. Deleted members (email erased) never match."""
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    EmailAddress = apps.get_model("account", "EmailAddress")
    candidates = User.objects.filter(is_active=False, last_login__isnull=True, ideas__isnull=False).exclude(email="")
    for user in candidates.distinct():
        if user.username.lower() != user.email.lower() or not user.password.startswith("!"):
            continue
        if EmailAddress.objects.filter(user_id=user.pk).exists():
            continue
        yield user


def free_imported_authors_addresses(apps, schema_editor):
    """The ideas wait for their author's sign-up; the placeholder account that locked them out goes."""
    Idea = apps.get_model("ideas", "Idea")
    Profile = apps.get_model("accounts", "Profile")
    for user in list(_placeholder_authors(apps)):
        Idea.objects.filter(author_id=user.pk).update(author=None, imported_author_email=user.email.lower())
        Profile.objects.filter(user_id=user.pk).delete()
        user.delete()


def recreate_placeholder_authors(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Idea = apps.get_model("ideas", "Idea")
    waiting = Idea.objects.filter(author__isnull=True).exclude(imported_author_email="")
    for email in set(waiting.values_list("imported_author_email", flat=True)):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create(username=email, email=email, is_active=False, password=make_password(None))
        waiting.filter(imported_author_email=email).update(author=user, imported_author_email="")


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0002_notification_points_at_its_comment"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="imported_author_email",
            field=models.EmailField(
                blank=True,
                editable=False,
                help_text="An imported idea's author who has no account yet: attached when they sign up with it.",
                max_length=254,
                verbose_name="adresse de l'auteur importé",
            ),
        ),
        migrations.RunPython(free_imported_authors_addresses, recreate_placeholder_authors),
    ]
