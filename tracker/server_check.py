"""“测试连接”: reach a PostgreSQL server once and say, in Chinese, whether the ledger is usable.

Used by the GUI's connection dialog before it remembers an address, so that a typo or a
server that has not been upgraded is found while the dialog is still open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from tracker import schema
from tracker.errors import StorageError

CONNECT_TIMEOUT_S = 5


#: What the server's (English) refusal means for the person at the dialog.
HINTS = {
    "password authentication failed": "数据库用户名或密码不对。",
    "Connection refused": "服务器没有响应：地址或端口不对，或数据库服务没有启动。",
    "timeout expired": "连接超时：请检查网络和服务器地址。",
    "does not exist": "服务器上没有这个数据库或用户，请核对数据库名和用户名。",
    "could not translate host name": "找不到这个服务器地址，请核对。",
    "no pg_hba.conf entry": "服务器不允许本机连接，请管理员在 pg_hba.conf 中放行。",
}


def unreachable(exc: DBAPIError) -> StorageError:
    """The server's refusal as a Chinese sentence saying what to check, the original after."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    hint = next((h for key, h in HINTS.items() if key in reason), "请检查地址、端口和网络。")
    return StorageError(f"无法连接数据库服务器：{hint}\n（{reason}）")


@dataclass(frozen=True)
class ServerReport:
    ready: bool
    message: str


def check_server(url: str) -> ServerReport:
    """Raises StorageError when the server cannot be reached or refuses the account."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (ArgumentError, ValueError) as exc:
        raise StorageError(f"数据库地址有误：{exc}") from exc
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
        current = schema.current_revision(engine)
    except DBAPIError as exc:
        raise unreachable(exc) from exc
    finally:
        engine.dispose()
    head = schema.head_revision()
    server = f"PostgreSQL {version}（{make_url(url).host}）"
    if current == head:
        return ServerReport(True, f"连接成功：{server}，台账结构版本 {head}，可以使用。")
    if current is None:
        what = "还没有建立台账"
    elif schema.is_known(current):
        what = f"台账结构版本较旧（{current}）"
    else:
        what = f"台账由更新版本的程序建立（{current}），请先升级本程序"
    return ServerReport(
        False, f"已连上 {server}，但{what}。请管理员运行“shishi-cli db upgrade”后再连接。"
    )
