#!/usr/bin/env bash
# Builds every Newsline executable in release mode and copies them, with the resource bundles they
# load, into OUT_DIR. deploy/Dockerfile runs this, and so does scripts/check-deploy, so CI builds the
# image's binaries with the image's own command even without a container engine.
# SwiftPM keeps only the last of several --product flags, hence one build per product (each after
# the first is incremental).
# Usage: deploy/build-services.sh OUT_DIR [extra swift build arguments…]
set -euo pipefail
out=$1
shift
products=(newsline newsline-ingest newsline-parse newsline-enrich newsline-index)
flags=(-c release --static-swift-stdlib "$@")
for product in "${products[@]}"; do
    swift build "${flags[@]}" --product "$product"
done
bin=$(swift build "${flags[@]}" --show-bin-path)
mkdir -p "$out"
for product in "${products[@]}"; do
    cp "$bin/$product" "$out/"
done
cp -r "$bin"/*.resources "$out/"
