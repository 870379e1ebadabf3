"""Export and quantize the ONNX claim encoder ("minilm-onnx") into the cache directory now,
once per machine (it is otherwise built on first use), and print where it is:

    .venv/bin/python -m newsprism.triangulate.build_onnx

$NEWSPRISM_CACHE_DIR chooses the directory (default ~/.cache/newsprism).
"""

from newsprism.triangulate.onnx_encoder import main

if __name__ == "__main__":
    raise SystemExit(main())
