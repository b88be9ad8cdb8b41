#!/bin/sh
# The built-in personas of scrm-segment, data/personas/default.json, as one C string
# in libscrm.a: const char scrm_default_personas_json[] (scripts/embed-json.sh).
exec sh scripts/embed-json.sh data/personas/default.json scrm_default_personas_json scripts/gen/default_personas.sh
