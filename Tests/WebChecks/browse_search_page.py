#!/usr/bin/env python3
"""Drives the search page in headless Chromium through chromedriver, as a reader would.

Usage: browse_search_page.py --base-url URL --screenshots DIR --expect-first TITLE
                             [--chromedriver PATH] [--chromium PATH]

Steps: open the page, type 도쿄 and submit, see TITLE first; click a section facet and see the list
narrow to that section; open the first article and see its entities; search for an injected script
and open the article carrying one. After every step a screenshot goes to DIR/NN-step.png and is
checked to be non-blank (decoded with zlib, more than one colour in its pixels); no step may leave
the global `window.__newslinePwned` that the hostile article's and query's <script> would set.
Exits 1 with the failed step on stderr.
"""
import argparse
import os
import struct
import sys
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

# How long one step may wait for the page: generous, since the machine running CI may be loaded.
STEP_TIMEOUT_SECONDS = 30


def png_colours(data, limit=64):
    """The number of distinct pixel values in an 8-bit RGB(A) PNG, counted up to `limit`."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    width, height, depth, colour_type = header[0], header[1], header[2], header[3]
    if depth != 8 or colour_type not in (2, 6):
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour_type}")
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                corner = previous[i - channels] if i >= channels else 0
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
        # Every eighth row and column is plenty to tell a page from a blank one.
        if row % 8 == 0:
            for x in range(0, width, 8):
                colours.add(bytes(line[x * channels:x * channels + 3]))
                if len(colours) >= limit:
                    return len(colours)
        previous = line
    return len(colours)


class Browse:
    def __init__(self, arguments):
        self.base = arguments.base_url.rstrip("/")
        self.folder = arguments.screenshots
        os.makedirs(self.folder, exist_ok=True)
        options = Options()
        options.binary_location = arguments.chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1200,1000", "--lang=ko-KR"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(executable_path=arguments.chromedriver), options=options)
        self.wait = WebDriverWait(self.driver, STEP_TIMEOUT_SECONDS)
        self.step = 0

    def shoot(self, name):
        self.step += 1
        path = os.path.join(self.folder, f"{self.step:02d}-{name}.png")
        data = self.driver.get_screenshot_as_png()
        with open(path, "wb") as f:
            f.write(data)
        colours = png_colours(data)
        if colours < 3:
            raise AssertionError(f"{path} is blank ({colours} colours)")
        pwned = self.driver.execute_script("return typeof window.__newslinePwned")
        if pwned != "undefined":
            raise AssertionError(f"step {name}: an injected script ran (window.__newslinePwned is {pwned})")
        print(f"step {self.step} {name}: {path}, {colours}+ colours, no injected script ran")

    def titles(self):
        return [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "#hits .hit-title")]

    def run(self, expected_first):
        driver = self.driver
        driver.get(self.base + "/")
        self.wait.until(conditions.presence_of_element_located((By.ID, "q")))
        self.shoot("search-page")

        box = driver.find_element(By.ID, "q")
        box.send_keys("도쿄")
        box.send_keys(Keys.ENTER)
        self.wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#hits .hit-title")))
        titles = self.titles()
        if not titles or titles[0] != expected_first:
            raise AssertionError(f"the first hit for 도쿄 is {titles[:1]}, not {expected_first!r}")
        if not driver.find_elements(By.CSS_SELECTOR, "#hits .hit-title mark"):
            raise AssertionError("the matching word is not marked in the titles")
        self.shoot("results-for-tokyo")

        # A section facet with fewer stories than the list, so clicking it must narrow the list.
        summary_before = driver.find_element(By.ID, "summary").text
        count_before = len(titles)
        links = driver.find_elements(By.CSS_SELECTOR, "section[data-facet='Section'] a")
        facet = next((l for l in links if int(l.find_element(By.CLASS_NAME, "count").text) < count_before), None)
        if facet is None:
            raise AssertionError(f"no section facet narrows the {count_before} hits")
        section = facet.find_element(By.TAG_NAME, "bdi").text
        facet.click()
        self.wait.until(lambda d: d.find_element(By.ID, "summary").text != summary_before)
        sections = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#hits .hit .section")]
        if not sections or len(sections) >= count_before or any(s != section for s in sections):
            raise AssertionError(f"after clicking {section!r}: sections {sections} of {count_before} before")
        self.shoot("narrowed-to-" + "section")

        driver.find_element(By.CSS_SELECTOR, "#hits .hit-title").click()
        self.wait.until(conditions.presence_of_element_located((By.ID, "article-title")))
        entities = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#entities a.entity")]
        if not entities:
            raise AssertionError("the article page lists no entities")
        self.shoot("article")

        # Back to the results for the reference article, open it and follow an entity to its search.
        driver.get(self.base + "/")
        box = self.wait.until(conditions.presence_of_element_located((By.ID, "q")))
        box.send_keys("도쿄")
        box.send_keys(Keys.ENTER)
        self.wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#hits .hit-title")))
        driver.find_element(By.CSS_SELECTOR, "#hits .hit-title").click()
        entity = self.wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#entities a.entity")))
        name = entity.text
        entity.click()
        self.wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, ".active-filters")))
        if name not in driver.find_element(By.CSS_SELECTOR, ".active-filters").text or not self.titles():
            raise AssertionError(f"following the entity {name!r} gave no filtered list")
        self.shoot("entity-search")

        # Hostile input: a query that is a script, and the article that carries one in its text.
        hostile_query = '"><script>window.__newslinePwned=1</script> 스크립트'
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(hostile_query)
        box.send_keys(Keys.ENTER)
        self.wait.until(conditions.presence_of_element_located((By.ID, "hits")))
        shown = driver.find_element(By.ID, "q").get_attribute("value")
        if shown != hostile_query:
            raise AssertionError(f"the search box shows {shown!r}, not the query typed")
        self.shoot("hostile-query")
        hostile = [e for e in driver.find_elements(By.CSS_SELECTOR, "#hits .hit-title") if "script" in e.text]
        if not hostile:
            raise AssertionError("the article with an injected script is not found by its words")
        hostile[0].click()
        self.wait.until(conditions.presence_of_element_located((By.ID, "article-title")))
        if "<script>" not in driver.find_element(By.ID, "article-title").text:
            raise AssertionError("the injected markup is not shown as text")
        self.shoot("hostile-article")

        # Phone width: the page must not scroll sideways.
        driver.set_window_size(390, 844)
        driver.get(self.base + "/?q=" + "%EB%8F%84%EC%BF%84")
        self.wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#hits .hit-title")))
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            raise AssertionError(f"at phone width the page is {overflow}px wider than the screen")
        self.shoot("phone-width")

    def close(self):
        self.driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--expect-first", required=True)
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = parser.parse_args()
    browse = Browse(arguments)
    try:
        browse.run(arguments.expect_first)
    except Exception as error:
        print(f"browser check failed at step {browse.step + 1}: {error}", file=sys.stderr)
        try:
            browse.shoot("failure")
        except Exception:
            pass
        return 1
    finally:
        browse.close()
    print(f"browser check passed: {browse.step} screenshots in {arguments.screenshots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
