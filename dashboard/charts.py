"""The dashboard's charts: SVG drawn on the server by pygal, from the same rows as the tables.

pygal (LGPL, maintained, pure Python) writes a complete SVG document. Its JavaScript is switched
off (`js=[]`) and the one `<script>` it still writes (its configuration) is taken out. The chart
is served as a standalone image (`<img src="….svg">`), so its own `<style>` element stays
inside the image and the pages' CSP (no inline style, no script) is kept.
The text alternative of every chart is its table, right below it.
"""

import math
import xml.etree.ElementTree as ElementTree

import pygal
from pygal.style import Style

# The hub's palette (static/css): blue, then colours that stay apart for colour-blind readers.
HUB_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#223654",
    foreground_strong="#223654",
    foreground_subtle="#6b778a",
    font_family="system-ui, sans-serif",
    colors=("#095797", "#e58a00", "#4a98d9", "#6b778a", "#2e7d32", "#cb381f", "#8a4fbf"),
)

CONFIG = {
    "js": [],
    "style": HUB_STYLE,
    "width": 800,
    "height": 400,
    "legend_at_bottom": True,
    "print_values": False,
    "show_legend": True,
    "truncate_label": 40,
}


def _number(value):
    return value if isinstance(value, (int, float)) else 0


def _value_labels(largest, percent):
    """Whole-number ticks on the value axis (a count has no 0.2), every 10 from 0 to 100 for a rate."""
    if percent:
        return list(range(0, 101, 10))
    step = max(1, math.ceil(largest / 10))
    return list(range(0, max(1, math.ceil(largest)) + step, step))


def render(table, headings, rows):
    """The SVG document (bytes) of a table's chart; `rows` are the table's rows, `headings` its headings."""
    if table.chart == "months":
        largest = max((_number(row[-1]) for row in rows), default=0)
        chart = pygal.StackedBar(title=str(table.title), y_labels=_value_labels(largest, False), **CONFIG)
        chart.x_labels = [row[0] for row in rows]
        for index, heading in enumerate(headings[1:-1], start=1):  # the statuses; the total is the stack's height
            chart.add(str(heading), [row[index] for row in rows])
        return _without_script(chart)
    largest = max((_number(row[index]) for row in rows for index in table.value_columns), default=0)
    chart = pygal.HorizontalBar(
        title=str(table.title),
        y_labels=_value_labels(largest, table.percent),
        **{**CONFIG, "height": max(240, 60 + 34 * len(rows))},
    )
    top_down = list(reversed(rows))  # pygal draws the first bar at the bottom; the table reads from the top
    chart.x_labels = [str(row[0]) for row in top_down]
    for index in table.value_columns:
        chart.add(str(headings[index]), [_number(row[index]) for row in top_down])
    return _without_script(chart)


def _without_script(chart):
    """The chart's SVG without pygal's configuration `<script>`: an image carries no script."""
    tree = chart.render_tree()
    for parent in tree.iter():
        for script in parent.findall("script"):
            parent.remove(script)
    return ElementTree.tostring(tree, encoding="utf-8", xml_declaration=True)
