"""Each participant's own server on the workshop hub (copied into the hub's environment).

The same quiet, offline settings as ``make workshop``: no news feed, no update check, no
extension search. The app view uses the course's Voilà template; idle kernels are shut down
(an open page left behind must not hold ~110 MB for the rest of the day); and notebooks are
saved without outputs, so a participant's course copy stays clean.
"""

import os

c = get_config()  # type: ignore[name-defined]  # noqa: F821 -- given by Jupyter

c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
c.VoilaConfiguration.template = "nextround"
c.VoilaConfiguration.show_tracebacks = False

KERNEL_IDLE = int(os.environ.get("NEXTROUND_KERNEL_IDLE_TIMEOUT", "900"))
c.MappingKernelManager.cull_idle_timeout = KERNEL_IDLE
c.MappingKernelManager.cull_interval = max(10, min(300, KERNEL_IDLE // 3))
c.MappingKernelManager.cull_connected = True


def _strip_outputs(model, **_kwargs):  # type: ignore[no-untyped-def]
    """Save notebooks without outputs or execution counts (Jupyter's pre-save hook)."""
    if model.get("type") != "notebook" or model.get("content", {}).get("nbformat", 0) < 4:
        return
    for cell in model["content"].get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


c.FileContentsManager.pre_save_hook = _strip_outputs
