#!/usr/bin/env python3
"""Full-page light and dark screenshots of a local HTML file.

Usage: Tools/screenshot.py FILE.html OUT_PREFIX [WIDTH [HEIGHT]]
   or: Tools/screenshot.sh FILE.html OUT_PREFIX [WIDTH [HEIGHT]]

Writes OUT_PREFIX-light.png and OUT_PREFIX-dark.png.  WIDTH defaults to 1200.
HEIGHT defaults to the page's full scroll height in that scheme (at least
the 900px viewport, at most 16384px); give it to get a fixed size.

Uses headless Chromium via selenium + /usr/bin/chromedriver; the dark shot
emulates prefers-color-scheme: dark with CDP Emulation.setEmulatedMedia and
is taken with Page.captureScreenshot(captureBeyondViewport=true).  Prints one
line per image, warns if the two images are identical (the page has no
dark-mode styles), exits non-zero on failure.
"""
import base64
import os
import pathlib
import sys
import time

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
MAX_HEIGHT = 16384
VIEWPORT_HEIGHT = 900

HEIGHT_JS = """
var d = document.documentElement, b = document.body;
return Math.ceil(Math.max(d.scrollHeight, d.offsetHeight,
                          b ? b.scrollHeight : 0, b ? b.offsetHeight : 0));
"""
FONTS_READY_JS = """
var done = arguments[arguments.length - 1];
(document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); });
});
"""


def main(argv):
    if len(argv) not in (2, 3, 4) or argv[0] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    src, prefix = argv[0], argv[1]
    try:
        width = int(argv[2]) if len(argv) > 2 else 1200
        fixed_height = int(argv[3]) if len(argv) > 3 else None
    except ValueError:
        print("screenshot: WIDTH and HEIGHT must be integers", file=sys.stderr)
        return 2
    if not os.path.isfile(src):
        print(f"screenshot: no such file: {src}", file=sys.stderr)
        return 2
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not os.access(exe, os.X_OK):
            print(f"screenshot: {exe} not found; run Tools/setup.sh", file=sys.stderr)
            return 2
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("screenshot: python package 'selenium' missing; run Tools/setup.sh",
              file=sys.stderr)
        return 2
    os.environ.setdefault("SE_OFFLINE", "true")  # no Selenium Manager downloads
    out_dir = os.path.dirname(prefix)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--hide-scrollbars",
              f"--window-size={width},{VIEWPORT_HEIGHT}"):
        opts.add_argument(a)
    t0 = time.time()
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    url = pathlib.Path(src).resolve().as_uri()
    written = []
    try:
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(30)
        for scheme in ("light", "dark"):
            # Fix the layout viewport width exactly (window-size includes no
            # chrome in headless mode, but be explicit).
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": VIEWPORT_HEIGHT,
                "deviceScaleFactor": 1, "mobile": False})
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "media": "",
                "features": [{"name": "prefers-color-scheme", "value": scheme}]})
            driver.get(url)
            driver.execute_async_script(FONTS_READY_JS)
            is_dark = driver.execute_script(
                "return matchMedia('(prefers-color-scheme: dark)').matches")
            if is_dark != (scheme == "dark"):
                raise RuntimeError(f"colour-scheme emulation failed for {scheme}")
            height = fixed_height or max(VIEWPORT_HEIGHT,
                                         min(driver.execute_script(HEIGHT_JS), MAX_HEIGHT))
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height,
                         "scale": 1},
            })
            data = base64.b64decode(shot["data"])
            path = f"{prefix}-{scheme}.png"
            with open(path, "wb") as f:
                f.write(data)
            written.append((path, data))
            print(f"screenshot: {path} ({width}x{height}, {len(data)} bytes)")
    except Exception as e:
        print(f"screenshot: failed: {type(e).__name__}: {str(e).splitlines()[0]}",
              file=sys.stderr)
        return 1
    finally:
        driver.quit()
    if written[0][1] == written[1][1]:
        print("screenshot: note: light and dark images are identical "
              "(page has no prefers-color-scheme styles?)")
    print(f"screenshot: done in {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
