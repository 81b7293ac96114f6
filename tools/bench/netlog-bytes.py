"""Bytes a Chromium net log shows read for 127.0.0.1:18099: from the
network (as sent, compressed) and from the HTTP cache, per file.
usage: python3 netlog-bytes.py <net log.json>..."""
import json
import sys

for path in sys.argv[1:]:
    text = open(path).read().rstrip().rstrip(",")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a log cut short ends without its closing
        log = json.loads(text + "]}")
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls, read, from_cache = {}, {}, set()
    for event in log["events"]:
        kind, source = kinds.get(event["type"]), event["source"]["id"]
        params = event.get("params", {})
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            urls[source] = params["url"]
        elif kind == "URL_REQUEST_JOB_BYTES_READ":
            read[source] = read.get(source, 0) + params.get("byte_count", 0)
        elif kind == "HTTP_CACHE_READ_DATA":
            from_cache.add(source)
    network = cache = requests = 0
    for source, size in sorted(read.items()):
        url = urls.get(source, "?")
        if "127.0.0.1:18099" not in url:
            continue
        where = "cache" if source in from_cache else "network"
        print(f"  {where:7} {size:8} {url.split('/')[-1] or '/'}")
        if source in from_cache:
            cache += size
        else:
            network += size
            requests += 1
    print(f"{path}: {network} B from the network in {requests} requests, {cache} B from the HTTP cache")
