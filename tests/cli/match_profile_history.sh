# --profiles keeps the history scores and tags read: each product's latest
# IoT fault, the service tickets and calls with their text (oldest first),
# and the dates of every event type
cat > in.ndjson <<'END'
{"src":"sales","rid":"S1","event":"purchase","date":"2016-05-01","name":"周杰","phone":"+8613800000011","category":"refrigerator","sku":"BCD-1","serial":"SN1","price":3999}
{"src":"iot","rid":"I1","event":"device","date":"2016-06-01","device_id":"D1","serial":"SN1","phone":"+8613800000011"}
{"src":"iot","rid":"I2","event":"device","date":"2024-03-02T10:00:00","device_id":"D1","serial":"SN1","fault":"E4"}
{"src":"iot","rid":"I3","event":"device","date":"2023-01-09","device_id":"D1","serial":"SN1","fault":"E1"}
{"src":"callcenter","rid":"C1","event":"call","date":"2024-03-05T09:00:00","phone":"+8613800000011","text":"冰箱不制冷"}
{"src":"service","rid":"W1","event":"service","date":"2024-03-04","phone":"+8613800000011","category":"washer","text":"洗衣机噪音大"}
{"src":"sales","rid":"S2","event":"purchase","date":"2020-01-01","name":"周杰","phone":"+8613800000011","category":"washer","price":2999}
END
scrm-match --profiles in.ndjson > out.ndjson
echo "exit $?"
sed 's/.*\("products":\[[^]]*\]\).*/\1/' out.ndjson
sed 's/.*\("event_dates":{[^}]*}\).*/\1/' out.ndjson
sed 's/.*\("contacts":\[[^]]*\]\).*/\1/' out.ndjson
