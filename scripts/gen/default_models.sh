#!/bin/sh
# The built-in models of scrm-score, data/models/default.json, as one C string
# in libscrm.a: const char scrm_default_models_json[] (scripts/embed-json.sh).
exec sh scripts/embed-json.sh data/models/default.json scrm_default_models_json scripts/gen/default_models.sh
