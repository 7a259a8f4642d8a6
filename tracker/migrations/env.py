"""Alembic environment: always run with a connection handed in by ``tracker.schema``."""

from alembic import context

from tracker.models import Base
from tracker.schema import include_name

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` command
    raise SystemExit("请通过 shishi-cli 升级数据库（tracker.schema.upgrade）")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
