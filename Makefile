# Every target is an alias for `python3 tasks.py <target>`, which creates and reuses .venv and
# installs what the target needs.  Pass extra arguments with ARGS="...".
PYTHON ?= python3
.PHONY: reports test lab bench evaluate extract clean

reports test lab bench evaluate extract:
	$(PYTHON) tasks.py $@ $(ARGS)

clean:
	rm -rf outputs/*.html outputs/*.ipynb outputs/figures outputs/tables
