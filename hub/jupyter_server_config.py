"""Each participant's own server on the workshop hub (copied into the hub's environment).

The course's own settings come first, from ``share/jupyter/config`` (the same files that
``nextround lab`` and ``nextround app`` use, found through ``JUPYTER_CONFIG_PATH``): offline
and quiet, outputs stripped on save, idle kernels culled. Here only what a hub adds: Voilà
runs inside the participant's server (the app view at ``/user/<name>/voila/``), which reads
its settings from the server's configuration rather than from ``voila.json``; and the room
view learns which module each person has open (:mod:`nextround.room.presence`).
"""

c = get_config()  # type: ignore[name-defined]  # noqa: F821 -- given by Jupyter

c.VoilaConfiguration.template = "nextround"
c.VoilaConfiguration.show_tracebacks = False
# The room view's "where people are" count: the module page opened last, sent without a name.
c.ServerApp.jpserver_extensions.update({"nextround.room.presence": True})
