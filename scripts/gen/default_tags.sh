#!/bin/sh
# The built-in tag taxonomy of scrm-tag, data/tags/default.json, as one C string
# in libscrm.a: const char scrm_default_tags_json[] (scripts/embed-json.sh).
exec sh scripts/embed-json.sh data/tags/default.json scrm_default_tags_json scripts/gen/default_tags.sh
