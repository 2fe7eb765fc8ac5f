"""Each participant's own server on the workshop hub (copied into the hub's environment).

The course's own settings come first, from ``share/jupyter/config`` (the same files that
``nextround lab`` and ``nextround app`` use, found through ``JUPYTER_CONFIG_PATH``): offline
and quiet, outputs stripped on save, idle kernels culled. Here only what a hub adds: Voilà
runs inside the participant's server (the app view at ``/user/<name>/voila/``), which reads
its settings from the server's configuration rather than from ``voila.json``.
"""

c = get_config()  # type: ignore[name-defined]  # noqa: F821 -- given by Jupyter

c.VoilaConfiguration.template = "nextround"
c.VoilaConfiguration.show_tracebacks = False
