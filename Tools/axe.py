#!/usr/bin/env python3
"""Run axe-core accessibility checks on every *.html file under DIR.

Usage: Tools/axe.py [options] DIR_OR_FILE...

Each page is opened via file:// in headless Chromium (selenium + Debian's
chromedriver), once with prefers-color-scheme: light and once with dark
(CDP Emulation.setEmulatedMedia), since colour contrast differs.  axe-core is
injected from a copy bundled in a PyPI package (nothing is downloaded) and
axe.run() is called with its default rule set (WCAG 2.x A/AA + best practices;
experimental rules off).

Every violation is printed as
    PAGE [light+dark] RULE-ID (impact): help
        selector
        ...
followed by the summary line "axe: N pages, M violations".  A rule that fails
on the same elements in both schemes counts once.  Exit status: 0 = clean,
1 = violations (or a page failed to load/run), 2 = usage/tool problem.

Options:
  --scheme light|dark|both   colour schemes to test (default: both)
  --axe-js PATH              axe.min.js to inject (default: $AXE_JS, else the
                             newest bundled copy: axe-playwright-python's
                             (axe-core 4.x) if installed, else
                             axe-selenium-python's (axe-core 3.1.1))
  --width N --height N       window size (default 1280x900)
  --incomplete               also list "needs review" (incomplete) rules
  -v, --verbose              print per-page timing
"""
import argparse
import importlib.util
import os
import pathlib
import sys
import time

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document).then(function (r) {
  function pick(list) {
    return list.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              targets: v.nodes.map(function (n) { return n.target.join(' '); })};
    });
  }
  done({version: axe.version, violations: pick(r.violations),
        incomplete: pick(r.incomplete)});
}).catch(function (e) { done({error: String(e && e.stack || e)}); });
"""


def package_file(pkg, *rel):
    """Path of a data file inside an installed package, without importing it."""
    try:
        spec = importlib.util.find_spec(pkg)
    except (ImportError, ValueError):
        return None
    if not spec or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        path = os.path.join(base, *rel)
        if os.path.isfile(path):
            return path
    return None


def find_axe(explicit):
    if explicit:
        return explicit
    if os.environ.get("AXE_JS"):
        return os.environ["AXE_JS"]
    for pkg, rel in (
        ("axe_playwright_python", ("axe.min.js",)),
        ("axe_selenium_python", ("node_modules", "axe-core", "axe.min.js")),
    ):
        path = package_file(pkg, *rel)
        if path:
            return path
    return None


def collect(paths):
    pages = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in os.walk(p):
                pages += [os.path.join(d, n) for n in names if n.endswith(".html")]
        elif os.path.isfile(p):
            pages.append(p)
        else:
            print(f"axe: no such file or directory: {p}", file=sys.stderr)
            sys.exit(2)
    return sorted(set(pages))


def start_browser(width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--hide-scrollbars",
              f"--window-size={width},{height}"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("paths", nargs="+", metavar="DIR_OR_FILE")
    ap.add_argument("--scheme", choices=("light", "dark", "both"), default="both")
    ap.add_argument("--axe-js")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--incomplete", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    pages = collect(args.paths)
    if not pages:
        print(f"axe: no *.html files under {' '.join(args.paths)}", file=sys.stderr)
        print("axe: 0 pages, 0 violations")
        return 1
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not os.access(exe, os.X_OK):
            print(f"axe: {exe} not found; run Tools/setup.sh", file=sys.stderr)
            return 2
    axe_path = find_axe(args.axe_js)
    if not axe_path or not os.path.isfile(axe_path):
        print("axe: axe.min.js not found (pip install -r Tools/requirements.txt, "
              "or pass --axe-js)", file=sys.stderr)
        return 2
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("axe: python package 'selenium' missing; run Tools/setup.sh",
              file=sys.stderr)
        return 2
    with open(axe_path, encoding="utf-8") as f:
        axe_src = f.read()
    # Never let Selenium Manager try to fetch drivers/browsers from the network.
    os.environ.setdefault("SE_OFFLINE", "true")

    schemes = ["light", "dark"] if args.scheme == "both" else [args.scheme]
    t_start = time.time()
    driver = start_browser(args.width, args.height)
    # Inject axe-core into every document at creation (once per session
    # instead of shipping ~0.5 MB of JS through WebDriver for every page).
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": axe_src})
    total = failed_pages = 0
    axe_version = "?"
    try:
        for page in pages:
            t0 = time.time()
            url = pathlib.Path(page).resolve().as_uri()
            merged = {}  # (rule, targets) -> [schemes], info
            review = {}
            error = None
            for scheme in schemes:
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "media": "",
                    "features": [{"name": "prefers-color-scheme", "value": scheme}],
                })
                try:
                    driver.get(url)
                    if not driver.execute_script("return typeof axe === 'object'"):
                        driver.execute_script(axe_src)
                    res = driver.execute_async_script(RUN_AXE)
                except Exception as e:  # page load/script failure
                    error = f"{scheme}: {type(e).__name__}: {str(e).splitlines()[0]}"
                    break
                if "error" in res:
                    error = f"{scheme}: axe.run failed: {res['error']}"
                    break
                axe_version = res["version"]
                for v in res["violations"]:
                    key = (v["id"], tuple(v["targets"]))
                    merged.setdefault(key, ([], v))[0].append(scheme)
                for v in res["incomplete"]:
                    review.setdefault(v["id"], set()).add(scheme)
            rel = os.path.relpath(page)
            rel = page if rel.startswith("../..") else rel
            if error:
                failed_pages += 1
                print(f"{rel}: ERROR {error}")
                continue
            for (rule, targets), (sch, v) in sorted(merged.items()):
                total += 1
                print(f"{rel} [{'+'.join(sch)}] {rule} ({v['impact']}): {v['help']}")
                for t in targets[:20]:
                    print(f"    {t}")
                if len(targets) > 20:
                    print(f"    ... {len(targets) - 20} more elements")
            if args.incomplete and review:
                print(f"{rel}: needs review: " + ", ".join(
                    f"{r} [{'+'.join(s for s in schemes if s in sc)}]"
                    for r, sc in sorted(review.items())))
            if args.verbose:
                print(f"{rel}: {time.time() - t0:.2f}s")
    finally:
        driver.quit()

    n = len(pages)
    summary = (f"axe: {n} page{'s' if n != 1 else ''}, "
               f"{total} violation{'s' if total != 1 else ''}")
    if failed_pages:
        summary += f", {failed_pages} page{'s' if failed_pages != 1 else ''} failed"
    print(f"axe: axe-core {axe_version} ({axe_path}); schemes: {', '.join(schemes)}; "
          f"{time.time() - t_start:.1f}s")
    print(summary)
    return 1 if total or failed_pages else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into `head`; the browser is already closed
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
