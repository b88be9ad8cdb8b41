# model file errors: exit 2 naming the file and the model
P=$TESTDATA/score/profiles.ndjson
printf '{"models": [\n  {"name": "a", "type": "points",\n   "rules": [}\n]}\n' > badjson.json
scrm-score -m badjson.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"points","rules":[{"when":"count(products) >= ","points":1}]}]}' > badexpr.json
scrm-score -m badexpr.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"magic"}]}' > badtype.json
scrm-score -m badtype.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"cross_purchase","owns":"tv"}]}' > missing.json
scrm-score -m missing.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"set_purchase","set":["tv","soundbar"],"sets":1}]}' > unknown.json
scrm-score -m unknown.json "$P"
echo "exit $?"
echo '{"models":[{"type":"points","rules":[]}]}' > noname.json
scrm-score -m noname.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"points","rules":[]},{"name":"a","type":"points","rules":[]}]}' > twice.json
scrm-score -m twice.json "$P"
echo "exit $?"
echo '{"models":[{"name":"a","type":"logistic","weights":{"x +":1}}]}' > badfeature.json
scrm-score -m badfeature.json "$P"
echo "exit $?"
echo '[1]' > notobj.json
scrm-score -m notobj.json "$P"
echo "exit $?"
scrm-score -m nosuch.json "$P"
echo "exit $?"
scrm-score --as-of 2026-13-45 "$P"
echo "exit $?"
scrm-score --fit --train "$P"
echo "exit $?"
scrm-score --label x "$P"
echo "exit $?"
scrm-score --train --label y --features 'x,(' --name n "$P"
echo "exit $?"
scrm-score --train --label y --features x --name n --holdout 2 "$P"
echo "exit $?"
scrm-score nosuch.ndjson
echo "exit $?"
