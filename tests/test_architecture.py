"""The layers of the project, as the README draws them: views/ over quantviz.app over
quantviz.figures over the core; nn above the rest of the core, its .tflite conversion and LiteRT
runner above nn. Imports anywhere in a module count, deferred ones included."""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "quantviz"
UPPER = ("quantviz.app", "quantviz.figures")
ABOVE_NN = ("quantviz.nn", "quantviz.tflite.convert", "quantviz.tflite.litert", *UPPER)  # may import nn


def module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(name: str) -> set[str]:
    """The modules of the project and the outside packages that module ``name`` imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)
    return found


def project_imports(name: str) -> set[str]:
    """The project's modules ``name`` imports (a name imported from a module counts as the module)."""
    out = set()
    for target in imported(name):
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name and not name.startswith(target + "."):   # not its own package
            out.add(target)
    return out


def is_core(name: str) -> bool:
    return not name.startswith(UPPER)


def test_no_import_cycles():
    graph = {name: project_imports(name) for name in MODULES}
    state: dict[str, int] = {}                                  # 1: on the current path, 2: done

    def visit(name, path):
        state[name] = 1
        for target in sorted(graph[name]):
            assert state.get(target) != 1, " -> ".join([*path, name, target])
            if target not in state:
                visit(target, [*path, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_core_imports_neither_the_app_nor_streamlit_nor_plotly():
    for name in filter(is_core, MODULES):
        wrong = {t for t in imported(name) if t.startswith((*UPPER, "streamlit", "plotly"))}
        assert not wrong, (name, wrong)


def test_only_modules_above_nn_import_it():
    for name in MODULES:
        if name.startswith(ABOVE_NN) or name == "quantviz":
            continue
        assert not {t for t in project_imports(name) if t.startswith("quantviz.nn")}, name


def test_figures_do_not_import_the_app():
    for name in (n for n in MODULES if n.startswith("quantviz.figures")):
        assert not {t for t in project_imports(name) if t.startswith("quantviz.app")}, name


def test_no_top_level_pages_folder():
    """Beside the entry script Streamlit would run a pages/ folder in its older multipage mode:
    a deep link opened first would run a page without app.py (no language, no menu)."""
    assert not (ROOT / "pages").exists()
    assert (ROOT / "views").is_dir()
