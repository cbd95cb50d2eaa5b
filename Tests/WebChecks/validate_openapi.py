#!/usr/bin/env python3
"""Checks recorded responses of the search API against docs/openapi.yaml.

Usage: validate_openapi.py SPEC EXCHANGES

EXCHANGES is a JSON list of {"method", "uri", "status", "contentType", "body"} written by
OpenAPIContractTests from real responses. Every exchange must match a documented path, method, query
parameter, status and content type, and its body must validate against the documented schema; every
documented operation must be exercised. Prints one line per problem and exits 1 if there is any.
"""
import json
import re
import sys
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec


def path_pattern(template):
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


def main(spec_path, exchanges_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    validate_spec(spec)
    with open(exchanges_path, encoding="utf-8") as f:
        exchanges = json.load(f)

    problems = []
    exercised = set()
    patterns = [(template, path_pattern(template)) for template in spec["paths"]]
    for exchange in exchanges:
        uri = exchange["uri"]
        split = urlsplit(uri)
        path = unquote(split.path)
        template = next((t for t, p in patterns if p.match(path)), None)
        if template is None:
            problems.append(f"{uri}: path not documented")
            continue
        operation = spec["paths"][template].get(exchange["method"].lower())
        if operation is None:
            problems.append(f"{uri}: method {exchange['method']} not documented")
            continue
        documented = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        for name, _ in parse_qsl(split.query, keep_blank_values=True):
            if name not in documented:
                problems.append(f"{uri}: query parameter {name!r} not documented")
        response = operation["responses"].get(str(exchange["status"]))
        if response is None:
            problems.append(f"{uri}: status {exchange['status']} not documented")
            continue
        exercised.add((template, exchange["method"].lower(), str(exchange["status"])))
        media = exchange["contentType"].split(";")[0].strip()
        content = response.get("content", {}).get(media)
        if content is None:
            problems.append(f"{uri}: content type {media} not documented for {exchange['status']}")
            continue
        # The schema's $refs point into the document, so validate against the document as the root.
        root = dict(content["schema"])
        root["components"] = spec.get("components", {})
        validator = OAS31Validator(root)
        for error in validator.iter_errors(exchange["body"]):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{uri}: {where or 'body'}: {error.message[:300]}")

    for template, item in spec["paths"].items():
        for method, operation in item.items():
            for status in operation.get("responses", {}):
                if (template, method, status) not in exercised:
                    problems.append(f"{method.upper()} {template} {status}: documented but never exercised")

    for problem in problems:
        print(problem)
    print(f"{len(exchanges)} responses checked against {spec_path}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
