# Every target is an alias for `python3 tasks.py <target>`, which creates and reuses .venv and
# installs what the target needs.  Pass extra arguments with ARGS="...".
PYTHON ?= python3
.PHONY: reports test lab bench evaluate extract screenshots clean

# screenshots: PNGs of every report in outputs/ at 1400 and 390 px, into outputs/screenshots/
# (headless Chromium from the system's packages; it says how to install it when missing).
reports test lab bench evaluate extract screenshots:
	$(PYTHON) tasks.py $@ $(ARGS)

clean:
	rm -rf outputs/*.html outputs/*.ipynb outputs/figures outputs/tables outputs/screenshots
