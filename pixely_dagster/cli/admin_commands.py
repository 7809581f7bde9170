"""``pixely tenant|user|ficha …``: admin housekeeping without the API."""

import click

from pixely_api import admin
from pixely_api.models import FichaCliente
from pixely_dagster.cli.common import admin_session, fail, read_password
from pixely_dagster.sources.factory import read_and_validate, source_problem
from pixely_dagster.sources.raw import SourceError


@click.group()
def tenant() -> None:
    """Tenants: the organisations that log in."""


@tenant.command("create")
@click.argument("name")
@click.option("--slug", help="Defaults to the name, lowercased and dashed.")
def tenant_create(name: str, slug: str | None) -> None:
    """Create tenant NAME; prints its id and slug."""
    with admin_session() as session:
        created = admin.create_tenant(session, name, slug)
        message = f"tenant {created.id} {created.slug}"
    click.echo(message)


@click.group()
def user() -> None:
    """Logins: admins see every tenant, viewers only their own."""


@user.command("create")
@click.argument("email")
@click.option("--tenant", "tenant_slug", required=True, help="The tenant's slug.")
@click.option("--role", type=click.Choice(["viewer", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from one stdin line.")
def user_create(email: str, tenant_slug: str, role: str, password_stdin: bool) -> None:
    """Create the login EMAIL in a tenant."""
    password = read_password(password_stdin)
    with admin_session() as session:
        created = admin.create_user(session, email, tenant_slug, role, password)
        message = f"user {created.id} {created.email} ({created.role}, tenant {tenant_slug})"
    click.echo(message)


@user.command("deactivate")
@click.argument("email")
def user_deactivate(email: str) -> None:
    """Stop EMAIL from logging in (the user is kept)."""
    with admin_session() as session:
        admin.deactivate_user(session, email)
    click.echo(f"user {email} deactivated")


@user.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from one stdin line.")
def user_set_password(email: str, password_stdin: bool) -> None:
    """Replace EMAIL's password."""
    password = read_password(password_stdin)
    with admin_session() as session:
        admin.set_password(session, email, password)
    click.echo(f"password of {email} changed")


@click.group()
def ficha() -> None:
    """Fichas cliente: the analysed brands, their source and brand context."""


@ficha.command("create")
@click.argument("name")
@click.option("--tenant", "tenant_slug", required=True, help="The owning tenant's slug.")
@click.option("--slug", help="Partition key, [a-z0-9-]+; defaults to the name. Never changes.")
@click.option("--spreadsheet-id", help="Google Sheet id (shared with the service account).")
@click.option("--source", "source_path", help="A local .xlsx workbook or a folder of two CSVs.")
@click.option("--timezone", help="IANA zone for mapping comments to days (PIXELY_TIMEZONE).")
@click.option("--industry", default="")
@click.option("--archetype", default="", help="Brand archetype, e.g. 'El Explorador'.")
@click.option("--tone", default="", help="Tone of voice.")
@click.option("--audience", default="", help="Target audience.")
@click.option("--competitors", default="", help='Comma-separated, e.g. "A,B".')
@click.option(
    "--brand-handle", "brand_handles", multiple=True, help="platform:@handle, repeatable."
)
@click.option(
    "--skip-check",
    is_flag=True,
    help="Store the ficha without reading its source (a sheet not shared yet).",
)
def ficha_create(
    name: str,
    tenant_slug: str,
    slug: str | None,
    spreadsheet_id: str | None,
    source_path: str | None,
    timezone: str | None,
    industry: str,
    archetype: str,
    tone: str,
    audience: str,
    competitors: str,
    brand_handles: tuple[str, ...],
    skip_check: bool,
) -> None:
    """Create the client profile NAME with its source and brand context.

    The source is read and validated first, as ``pixely ficha check`` does; a source the
    pipeline could never read is refused with its reason, unless ``--skip-check``."""
    spec = admin.FichaSpec(
        name=name,
        tenant_slug=tenant_slug,
        slug=slug,
        spreadsheet_id=spreadsheet_id,
        source_path=source_path,
        timezone=timezone,
        industry=industry,
        archetype=archetype,
        tone_of_voice=tone,
        target_audience=audience,
        competitors=competitors.split(","),
        brand_handles=brand_handles,
    )
    with admin_session() as session:
        created = admin.create_ficha(session, spec, None if skip_check else _checked_source)
        message = f"ficha {created.id} {created.slug} ({created.source_kind}, {created.timezone})"
    if skip_check:
        message += f"; source not checked: run `pixely ficha check {created.slug}` once it is"
        message += " shared"
    click.echo(message)


def _checked_source(found: FichaCliente) -> str | None:
    """``ficha check``'s reading; a refusal tells the admin how to store it anyway."""
    try:
        problem = source_problem(found)
    except ValueError as bad_setting:  # PIXELY_START_DATE is not a date
        raise fail(str(bad_setting)) from None
    if problem is None:
        return None
    return f"{problem} (nothing was written; --skip-check stores it anyway)"


def _split(value: str | None) -> list[str] | None:
    return None if value is None else value.split(",")


@ficha.command("update")
@click.argument("slug")
@click.option("--spreadsheet-id", help="A new Google Sheet id.")
@click.option("--source", "source_path", help="A new local workbook or folder of two CSVs.")
@click.option("--timezone", help="Refused once the ficha has been analysed.")
@click.option("--industry")
@click.option("--archetype")
@click.option("--tone")
@click.option("--audience")
@click.option("--competitors", help='Comma-separated; replaces the list ("" empties it).')
@click.option(
    "--brand-handle",
    "brand_handles",
    multiple=True,
    help="platform:@handle, repeatable; replaces the list.",
)
@click.option("--clear-brand-handles", is_flag=True, help="The ficha has no brand handles.")
@click.option("--skip-check", is_flag=True, help="Do not read a new source before storing it.")
def ficha_update(
    slug: str,
    spreadsheet_id: str | None,
    source_path: str | None,
    timezone: str | None,
    industry: str | None,
    archetype: str | None,
    tone: str | None,
    audience: str | None,
    competitors: str | None,
    brand_handles: tuple[str, ...],
    clear_brand_handles: bool,
    skip_check: bool,
) -> None:
    """Change SLUG's source, timezone or brand context (the slug never changes)."""
    if brand_handles and clear_brand_handles:
        raise fail("give --brand-handle or --clear-brand-handles, not both")
    changes = admin.FichaChanges(
        spreadsheet_id=spreadsheet_id,
        source_path=source_path,
        timezone=timezone,
        industry=industry,
        archetype=archetype,
        tone_of_voice=tone,
        target_audience=audience,
        competitors=_split(competitors),
        brand_handles=[] if clear_brand_handles else (list(brand_handles) or None),
    )
    if changes == admin.FichaChanges():
        raise fail("nothing to change: give at least one option (see --help)")
    with admin_session() as session:
        admin.update_ficha(session, slug, changes, None if skip_check else _checked_source)
    click.echo(f"ficha {slug} updated")


@ficha.command("reactivate")
@click.argument("slug")
def ficha_reactivate(slug: str) -> None:
    """Analyse SLUG again after a deactivation."""
    with admin_session() as session:
        admin.reactivate_ficha(session, slug)
    click.echo(f"ficha {slug} reactivated")


@ficha.command("delete")
@click.argument("slug")
def ficha_delete(slug: str) -> None:
    """Delete SLUG, only if nothing was ever analysed for it (else deactivate it)."""
    with admin_session() as session:
        admin.delete_ficha(session, slug)
    click.echo(f"ficha {slug} deleted")


@ficha.command("deactivate")
@click.argument("slug")
def ficha_deactivate(slug: str) -> None:
    """Stop analysing SLUG (its insights are kept)."""
    with admin_session() as session:
        admin.deactivate_ficha(session, slug)
    click.echo(f"ficha {slug} deactivated")


@ficha.command("check")
@click.argument("slug")
def ficha_check(slug: str) -> None:
    """Read SLUG's source now and print what it holds; writes nothing."""
    with admin_session() as session:
        found = admin.get_ficha(session, slug)
        try:
            validated = read_and_validate(found)
        except SourceError as error:
            raise fail(f"{slug}: {error}") from None
        except ValueError as bad_setting:  # PIXELY_START_DATE is not a date
            raise fail(str(bad_setting)) from None
    audience = len(validated.comments) - validated.brand_replies
    click.echo(f"source: {validated.source_label}")
    click.echo(f"fingerprint: {validated.fingerprint}")
    click.echo(f"posts: {len(validated.posts)}")
    click.echo(f"comments: {audience} audience, {validated.brand_replies} brand replies")
    if validated.duplicate_comments:
        click.echo(f"identical comments counted once: {validated.duplicate_comments}")
    click.echo(f"rejected rows: {len(validated.rejected)}")
    for row in validated.rejected:
        click.echo(f"  {row.sheet} row {row.row_number}: {row.reason}")
