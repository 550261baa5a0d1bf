"""JupyterLab for the browser tests: the application assembled by build.mjs, served by
jupyterlab_server's LabServerApp on jupyter_server (Debian's python3-jupyterlab-server and
python3-jupyter-server), as JupyterLab's examples/app serves it.

    /usr/bin/python3 server.py --build-dir=DIR [jupyter_server options]

DIR holds what build.mjs made (static/, schemas/, themes/). Everything else (root folder,
port, token, kernel path, JUPYTERLAB_SETTINGS_DIR and JUPYTERLAB_WORKSPACES_DIR) comes from
the options and the environment, as for jupyter lab.

JupyterLab 4's front end calls two endpoints that jupyter_server added in 2.0 and that 1.23
lacks: GET /api/me (who the user is; JupyterLab shows it and keeps asking) and the websocket
/api/events/subscribe (server events; JupyterLab reconnects to it forever). Both are added
here in their jupyter_server 2 form: an anonymous user with no extra permissions, and an
event stream that stays open and sends nothing (this server emits no events). Everything a
notebook, a file or a terminal does goes through jupyter_server 1.23's own APIs.
"""
import json
import os
import sys

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))

BUILD_DIR = None
for arg in list(sys.argv[1:]):
    if arg.startswith("--build-dir="):
        BUILD_DIR = os.path.abspath(arg.split("=", 1)[1])
        sys.argv.remove(arg)
if not BUILD_DIR or not os.path.isfile(os.path.join(BUILD_DIR, "static", "bundle.js")):
    sys.exit(f"server.py: --build-dir=DIR must name the output of build.mjs (no static/bundle.js in {BUILD_DIR})")

with open(os.path.join(HERE, "node_modules", "@jupyterlab", "application", "package.json")) as f:
    LAB_VERSION = json.load(f)["version"]


class IdentityHandler(APIHandler):
    """GET /api/me as jupyter_server 2 answers it for a token-authenticated user."""

    @web.authenticated
    def get(self):
        user = self.current_user
        name = user if isinstance(user, str) else "learner"
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": identity, "permissions": {}}))


class EventsSocket(WebSocketMixin, JupyterHandler, websocket.WebSocketHandler):
    """/api/events/subscribe: open, authenticated, silent (no server events here)."""

    def get(self, *args, **kwargs):
        if not self.current_user:
            raise web.HTTPError(403)
        return super().get(*args, **kwargs)

    def on_message(self, message):
        pass


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": CourseLab}]


class CourseLab(LabServerApp):
    name = __name__  # the server finds the extension by its module (examples/app does the same)
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = LAB_VERSION
    app_settings_dir = os.path.join(BUILD_DIR, "application_settings")
    schemas_dir = os.path.join(BUILD_DIR, "schemas")
    static_dir = os.path.join(BUILD_DIR, "static")
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD_DIR, "themes")
    # Where JupyterLab itself looks for the user's settings and workspaces (npm start names
    # .jupyter-local/lab/ with these variables; the tests give a copy of it).
    user_settings_dir = os.environ.get("JUPYTERLAB_SETTINGS_DIR", os.path.join(BUILD_DIR, "user_settings"))
    workspaces_dir = os.environ.get("JUPYTERLAB_WORKSPACES_DIR", os.path.join(BUILD_DIR, "workspaces"))

    def initialize_handlers(self):
        super().initialize_handlers()
        self.serverapp.web_app.add_handlers(
            ".*$",
            [
                (self.serverapp.base_url + "api/me", IdentityHandler),
                (self.serverapp.base_url + "api/events/subscribe", EventsSocket),
            ],
        )


if __name__ == "__main__":
    CourseLab.launch_instance()
