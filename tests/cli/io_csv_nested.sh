# CSV columns a.b nest under a; an empty cell of the parent column itself
# (written when another record had a scalar or an empty value there) does
# not wipe the object its dotted columns built, in either column order
printf 'uid,events,events.call,events.service\nP1,,2,\nP2,,,1\n' > a.csv
printf 'uid,events.call,events\nP3,4,\n' > b.csv
printf '{"tags":[]}\n' > none.json
scrm-tag --rules none.json a.csv b.csv
echo "exit $?"
