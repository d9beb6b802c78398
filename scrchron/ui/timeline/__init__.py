"""The Timeline tab: the canvas that draws ``scrchron.timeline`` and lets the reviewer zoom and pan."""
