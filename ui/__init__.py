"""What the pages share: the frame, session state and URL tokens, widgets, charts, report and export."""
