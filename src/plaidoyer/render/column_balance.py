"""Balanced columns in a few trial layouts instead of one a pixel.

WeasyPrint balances two columns by laying them out at a height, then again a little
higher, until the content fits. How much higher comes from measuring the first box the
next column would take; that measure lays the box out with no room, which gives its first
line only. When the next box must not be split (`break-inside: avoid`: a glossary entry, a
demand in a short brief), the measure says nothing useful and WeasyPrint climbs one pixel a
trial, or by the least space lost so far however small (1.7 px in the Spanish full brief):
150 to 200 trial layouts for a two-column glossary or the asks of a two-page brief, two
thirds of the COP21 paper's PDF time.

Here the rungs of that climb are searched by doubling, then halving: the first rung at
which WeasyPrint would stop (the columns fit, or a trial finds less space lost) is found
in about 2·log2(rungs) trials. Everything else is WeasyPrint's own
`columns_layout` (WeasyPrint 70.0, layout/column.py, BSD-3-Clause, © Simon Sapin and
contributors), copied unchanged apart from one trial made a function. Where fitting grows
with height, the heights found are WeasyPrint's, so the PDFs are the same bytes (tested on
every shipped brief). It is installed only over the exact file it was copied from
(`SOURCE_DIGEST`); any other WeasyPrint keeps its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from math import floor, inf
from pathlib import Path
from typing import Any

from weasyprint.layout import block, column
from weasyprint.layout.absolute import absolute_layout
from weasyprint.layout.block import (
    block_box_layout,
    block_level_layout,
    block_level_width,
    collapse_margin,
    remove_placeholders,
)
from weasyprint.layout.column import _create_column_box, _report_footnotes
from weasyprint.layout.percent import percentage, resolve_percentages

SOURCE_DIGEST = "83ae1a3e83596293e5ae66b81759f2ad6eff8e2e43058a1a980f7662b6c51d93"
"""sha256 of WeasyPrint 70.0's layout/column.py, whose `columns_layout` this copies."""

_UPSTREAM = column.columns_layout


@cache
def applies() -> bool:
    """Whether the installed WeasyPrint is the one this balancing was copied from."""
    try:
        source = Path(column.__file__).read_bytes()
    except (OSError, TypeError):
        return False
    return hashlib.sha256(source).hexdigest() == SOURCE_DIGEST


def install() -> bool:
    """Use this balancing in WeasyPrint's layout, if it applies; says whether it is used.
    Explicit, not on import: the bench measures raw WeasyPrint in a process that imports
    plaidoyer."""
    if block.columns_layout is columns_layout:
        return True
    if not applies():
        return False
    column.columns_layout = block.columns_layout = columns_layout
    return True


def uninstall() -> None:
    """WeasyPrint's own balancing again (for comparisons)."""
    column.columns_layout = block.columns_layout = _UPSTREAM


def first_step(fits_or_told: Callable[[int], bool], steps: int) -> int:
    """The first of `steps` rungs (1…steps) at which `fits_or_told` holds, or steps + 1 if
    none does: what climbing a rung a trial finds, in about 2·log2(steps) trials when the
    answer, once true, stays true as the columns grow."""
    low, high = 0, 1  # fits_or_told(low) is false (or not asked); high: the next to try
    while high <= steps and not fits_or_told(high):
        low, high = high, high * 2
    if high > steps:
        if low == steps:
            return steps + 1
        high = steps + 1  # not asked; stands for "no step up to `steps`"
    while high - low > 1:
        middle = (low + high) // 2
        if fits_or_told(middle):
            high = middle
        else:
            low = middle
    return high


Trial = tuple[Any, list[float], float, Any, float]
"""A trial layout's skip stack after the last column, the heights the columns took, the
space lost (inf: not known), the next page and the footnote area's height."""


@dataclass(frozen=True)
class _Columns:
    """What every trial layout of one run of columns shares."""

    context: Any
    column_box: Any
    skip_stack: Any
    top: float
    containing_block: Any
    count: int
    shapes: int  # excluded shapes before the first trial
    first_letter_style: Any
    first_line_style: Any

    def trial(self, height: float, balancing: bool) -> Trial:
        """The columns laid out at `height`, then forgotten: the body of WeasyPrint's
        balancing loop."""
        context = self.context
        # Remove extra excluded shapes introduced during the previous loop
        while len(context.excluded_shapes) > self.shapes:
            context.excluded_shapes.pop()

        # Render the columns
        column_skip_stack = self.skip_stack
        consumed_heights: list[float] = []
        new_boxes = []
        lost_space = inf
        next_page = None
        for _ in range(self.count):
            # Render one column
            new_box, resume_at, next_page, _, _, _ = block_box_layout(
                context, self.column_box, context.page_bottom - self.top - height,
                column_skip_stack, self.containing_block, not balancing, [], [], [],
                self.first_letter_style, self.first_line_style, discard=False,
                max_lines=None)
            if new_box is None:
                # We didn't render anything, retry
                column_skip_stack = {0: None}
                break
            new_boxes.append(new_box)
            column_skip_stack = resume_at

            # Calculate consumed height, empty space and next box height
            in_flow_children = [
                child for child in new_box.children if child.is_in_normal_flow()]
            if in_flow_children:
                # Get the empty space at the bottom of the column box
                consumed_height = (
                    in_flow_children[-1].margin_height() +
                    in_flow_children[-1].position_y - self.top)
                empty_space = height - consumed_height
                consumed_height -= in_flow_children[-1].margin_bottom

                # Get the minimum size needed to render the next box
                next_box_height = 0
                if column_skip_stack:
                    next_box = block_box_layout(
                        context, self.column_box, inf, column_skip_stack,
                        self.containing_block, True, [], [], [], self.first_letter_style,
                        self.first_line_style, discard=False, max_lines=None)[0]
                    for child in next_box.children:
                        if child.is_in_normal_flow():
                            next_box_height = child.margin_height()
                            break
                    remove_placeholders(context, [next_box], [], [])
            else:
                consumed_height = empty_space = next_box_height = 0

            consumed_heights.append(consumed_height)

            # The size needed to render the next box in this column (lost spaces
            # under 1px are rounding errors)
            if next_box_height - empty_space > 1:
                lost_space = min(lost_space, next_box_height - empty_space)

            # Stop if we already rendered the whole content
            if resume_at is None:
                break

        # Remove placeholders but keep the current footnote area height
        footnotes_height = (
            0 if context.current_footnote_area.height == 'auto'
            else context.current_footnote_area.margin_height())
        remove_placeholders(context, new_boxes, [], [])
        return column_skip_stack, consumed_heights, lost_space, next_page, footnotes_height

    def climb(self, height: float, lost_space: float,
              max_height: float) -> tuple[float, Trial | None]:
        """Where WeasyPrint's climb from `height` stops, and the trial there if one was
        made. WeasyPrint adds the least space lost so far (or a pixel, inf: none known)
        a trial, and stops where the columns fit, where a trial finds less space lost,
        or above `max_height` (no trial made there); the same rungs are searched."""
        step = 1 if lost_space == inf else lost_space
        rungs: list[float] = []
        while not rungs or rungs[-1] <= max_height:
            height += step  # added a step at a time, as WeasyPrint does: the same floats
            rungs.append(height)
        trials: dict[int, Trial] = {}

        def stops(rung: int) -> bool:
            trials[rung] = self.trial(rungs[rung - 1], True)
            stack, _, lost, _, _ = trials[rung]
            return stack is None or lost < lost_space

        rung = first_step(stops, len(rungs) - 1)
        return rungs[rung - 1], trials.get(rung)


def columns_layout(context: Any, box: Any, bottom_space: float, skip_stack: Any,
                   containing_block: Any, page_is_empty: bool, absolute_boxes: list[Any],
                   fixed_boxes: list[Any], adjoining_margins: list[float],
                   first_letter_style: Any, first_line_style: Any) -> Any:
    """Lay out a multi-column ``box`` (WeasyPrint's, but for the search above)."""
    style = box.style
    width = style['column_width']
    count = style['column_count']
    height = style['height']
    original_bottom_space = bottom_space
    context.in_column = True

    if style['position'] == 'relative':
        # New containing block, use a new absolute list
        absolute_boxes = []

    box = box.copy_with_children(box.children)
    box.position_y += collapse_margin(adjoining_margins)

    # Set height if defined
    if height != 'auto' and height.unit != '%':
        assert height.unit.lower() == 'px'
        height_defined = True
        empty_space = context.page_bottom - box.content_box_y() - height.value
        bottom_space = max(bottom_space, empty_space)
    else:
        height_defined = False

    block_level_width(box, containing_block)

    if style['column_gap'] == 'normal':
        # 1em because in column context
        gap = style['font_size']
    else:
        gap = percentage(style['column_gap'], box.style, box.width)

    # Define the number of columns and their widths
    if width == 'auto' and count != 'auto':
        width = max(0, box.width - (count - 1) * gap) / count
    elif width != 'auto' and count == 'auto':
        count = max(1, floor((box.width + gap) / (width + gap)))
        width = (box.width + gap) / count - gap
    else:  # overconstrained, with width != 'auto' and count != 'auto'
        count = max(1, min(count, floor((box.width + gap) / (width + gap))))
        width = (box.width + gap) / count - gap

    # Handle column-span property with the following structure:
    # columns_and_blocks = [[column_child_1, column_child_2], spanning_block, …]
    columns_and_blocks: list[Any] = []
    column_children: list[Any] = []
    skip, = skip_stack.keys() if skip_stack else (0,)
    for i, child in enumerate(box.children[skip:], start=skip):
        if child.style['column_span'] == 'all':
            if column_children:
                columns_and_blocks.append(
                    (i - len(column_children), column_children))
            columns_and_blocks.append((i, child.copy()))
            column_children = []
            continue
        column_children.append(child.copy())
    if column_children:
        columns_and_blocks.append(
            (i + 1 - len(column_children), column_children))

    if skip_stack:
        skip_stack = {0: skip_stack[skip]}

    if not box.children:
        next_page = {'break': 'any', 'page': None}
        skip_stack = None

    # Find height and balance: WeasyPrint's algorithm, see its layout/column.py.
    adjoining_margins = []
    current_position_y = box.content_box_y()
    new_children = []
    column_skip_stack = None
    last_loop = False
    break_page = False
    footnote_area_heights = [
        0 if context.current_footnote_area.height == 'auto'
        else context.current_footnote_area.margin_height()]
    last_footnotes_height: float = 0
    for index, column_children_or_block in columns_and_blocks:
        if not isinstance(column_children_or_block, list):
            # We have a spanning block, we display it like other blocks
            block_ = column_children_or_block
            resolve_percentages(block_, containing_block)
            block_.position_x = box.content_box_x()
            block_.position_y = current_position_y
            new_child, resume_at, next_page, adjoining_margins, _, _ = (
                block_level_layout(
                    context, block_, original_bottom_space, skip_stack, containing_block,
                    page_is_empty, absolute_boxes, fixed_boxes, adjoining_margins,
                    first_letter_style, first_line_style))
            skip_stack = None
            if new_child is None:
                last_loop = True
                break_page = True
                break
            new_children.append(new_child)
            current_position_y = (
                new_child.border_height() + new_child.border_box_y())
            adjoining_margins.append(new_child.margin_bottom)
            if resume_at:
                last_loop = True
                break_page = True
                column_skip_stack = resume_at
                break
            page_is_empty = False
            continue

        # We have a list of children that we have to balance between columns
        column_children = column_children_or_block

        # Find the total height available for the first run
        current_position_y += collapse_margin(adjoining_margins)
        adjoining_margins = []
        column_box = _create_column_box(
            box, containing_block, column_children, width, current_position_y)
        height = max_height = (
            context.page_bottom - current_position_y - original_bottom_space)

        # Try to render columns until the content fits, increase the column
        # height step by step
        column_skip_stack = skip_stack
        lost_space = inf
        original_excluded_shapes = context.excluded_shapes[:]
        original_page_is_empty = page_is_empty
        page_is_empty = stop_rendering = balancing = False

        columns_run = _Columns(context, column_box, skip_stack, current_position_y,
                               containing_block, count, len(original_excluded_shapes),
                               first_letter_style, first_line_style)

        tried: Trial | None = None  # a trial already made at `height`, if any
        while True:
            (column_skip_stack, consumed_heights, lost, next_page,
             last_footnotes_height) = tried or columns_run.trial(height, balancing)
            tried = None
            lost_space = min(lost_space, lost)

            if last_loop:
                break

            if balancing:
                if column_skip_stack is None:
                    # We rendered the whole content, stop
                    break

                # Increase the column heights and render them again: WeasyPrint's
                # climb, a rung a trial, searched (see the module's docstring)
                height, tried = columns_run.climb(height, lost_space, max_height)

                if height > max_height:
                    # We reached max height, stop rendering
                    height = max_height
                    stop_rendering = True
                    break
            else:
                if last_footnotes_height not in footnote_area_heights:
                    # Footnotes have been rendered, try to re-render with the
                    # new footnote area height
                    height -= last_footnotes_height - footnote_area_heights[-1]
                    footnote_area_heights.append(last_footnotes_height)
                    continue

                everything_fits = (
                    not column_skip_stack and
                    max(consumed_heights) <= max_height)
                if everything_fits:
                    # Everything fits, start expanding columns at the average
                    # of the column heights
                    if (style['column_fill'] == 'balance' or
                            index < columns_and_blocks[-1][0]):
                        balancing = True
                        height = sum(consumed_heights) / count
                    else:
                        break
                else:
                    # Content overflows even at maximum height, stop now and
                    # let the columns continue on the next page
                    stop_rendering = True
                    break

        bottom_space = max(
            bottom_space, context.page_bottom - current_position_y - height)

        # Replace the current box children with real columns
        i = 0
        max_column_height: float = 0
        columns: list[Any] = []
        while True:
            column_box = _create_column_box(
                box, containing_block, column_children, width,
                current_position_y)
            if style['direction'] == 'rtl':
                column_box.position_x += box.width - (i + 1) * width - i * gap
            else:
                column_box.position_x += i * (width + gap)
            new_child, column_skip_stack, column_next_page, _, _, _ = (
                block_box_layout(
                    context, column_box, bottom_space, skip_stack, containing_block,
                    original_page_is_empty, absolute_boxes, fixed_boxes, None,
                    first_letter_style, first_line_style, discard=False,
                    max_lines=None))
            if new_child is None:
                columns = []
                break_page = True
                break
            next_page = column_next_page
            skip_stack = column_skip_stack
            columns.append(new_child)
            max_column_height = max(
                max_column_height, new_child.margin_height())
            if skip_stack is None:
                bottom_space = original_bottom_space
                break
            i += 1
            if i == count and not height_defined:
                # Columns constrained in height would continue in the inline direction
                break

        # Update the current y position and set the columns’ height
        current_position_y += min(max_height, max_column_height)
        for column_ in columns:
            column_.height = max_column_height
            new_children.append(column_)

        skip_stack = None
        page_is_empty = False

        if stop_rendering:
            break

    # Report footnotes above the defined footnotes height
    _report_footnotes(context, footnote_area_heights[-1])

    if box.children and not new_children:
        # The box has children but none can be drawn, let's skip the whole box
        context.in_column = False
        return None, (0, None), {'break': 'any', 'page': None}, [], False

    # Set the height of the containing box
    box.children = new_children
    current_position_y += collapse_margin(adjoining_margins)
    height = current_position_y - box.content_box_y()
    if box.height == 'auto':
        box.height = height
        height_difference = 0
    else:
        height_difference = box.height - height

    # Update the latest columns’ height to respect min-height
    if box.min_height != 'auto' and box.min_height > box.height:
        height_difference += box.min_height - box.height
        box.height = box.min_height
    for child in new_children[::-1]:
        if child.is_column:
            child.height += height_difference
        else:
            break

    if style['position'] == 'relative':
        # New containing block, resolve the layout of the absolute descendants
        for absolute_box in absolute_boxes:
            absolute_layout(
                context, absolute_box, box, fixed_boxes, bottom_space,
                skip_stack=None)

    # Calculate skip stack
    if column_skip_stack:
        skip, = column_skip_stack.keys()
        skip_stack = {index + skip: column_skip_stack[skip]}
    elif break_page:
        skip_stack = {index: None}

    # Update page bottom according to the new footnotes
    if context.current_footnote_area.height != 'auto':
        context.page_bottom += footnote_area_heights[0]
        context.page_bottom -= context.current_footnote_area.margin_height()

    context.in_column = False
    return box, skip_stack, next_page, [], False
