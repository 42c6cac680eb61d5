"""Python Jinja2 reference for bench/run.ts: renders (the oracle), times (the reference column),
measures compile cost and memory per compiled template.

Reads one JSON job on stdin, writes one JSON answer on stdout:
  {"mode": "render", "workloads": [W...]}                      -> {"outputs": {name: str}}
  {"mode": "time", "workloads": [W...], "samples": S, "batch_ms": B}
                                                               -> {"times": {name: {"wall": [ns], "cpu": [ns]}}}
  {"mode": "compile", "sources": {label: {"env": .., "source": .., "data": ..}}, "samples": S, "batch_ms": B,
   "first_render": true}
                                                               -> {"times": {label: {"compile": {...}, "first_render": {...}}}}
  {"mode": "memory", "workload": W, "copies": K}               -> {"bytes_per_template": n}
where W = {"name", "env": "html"|"chat", "templates": {name: source}, "entry", "data"}.

With argv ["cold", template_path, data_path, env_kind] it renders once in this fresh process and
prints import/compile/render times (ms) as JSON: the cold-start sample for the compile workload.
"""

import json
import sys
import time

T0 = time.perf_counter()

from datetime import datetime  # noqa: E402

import jinja2  # noqa: E402
from jinja2 import DictLoader, Environment  # noqa: E402
from jinja2.sandbox import ImmutableSandboxedEnvironment  # noqa: E402

T_IMPORT = time.perf_counter()
C_IMPORT = time.process_time()  # CPU since process start, interpreter boot included

# The chat workload's clock: jinjit's chatEnvironment({now}) gets the same instant.
FIXED_NOW = datetime(2025, 1, 15, 9, 30, 0)


def make_env(kind, templates):
    if kind == "html":
        return Environment(loader=DictLoader(templates), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    # transformers.utils.chat_template_utils._compile_jinja_template, minus the {% generation %}
    # extension (no workload uses it).
    env = ImmutableSandboxedEnvironment(
        loader=DictLoader(templates), trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"]
    )

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def strftime_now(format):
        return FIXED_NOW.strftime(format)

    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def batches(fn, samples, batch_ms):
    """Per-iteration wall and CPU ns over `samples` batches, each ~batch_ms of CPU time long.

    timeit's inner loop, written out to read both clocks (and with the GC left on, as in JS)."""
    fn()  # warm-up
    number = 1
    while True:
        t = time.process_time()
        for _ in range(number):
            fn()
        if (time.process_time() - t) * 1000 >= batch_ms / 4 or number >= 1 << 20:
            number = max(1, round(number * batch_ms / max((time.process_time() - t) * 1000, 1e-3)))
            break
        number *= 2
    wall, cpu = [], []
    for _ in range(samples):
        c0 = time.process_time_ns()
        t0 = time.perf_counter_ns()
        for _ in range(number):
            fn()
        t1 = time.perf_counter_ns()
        c1 = time.process_time_ns()
        wall.append((t1 - t0) / number)
        cpu.append((c1 - c0) / number)
    return {"wall": wall, "cpu": cpu, "iterations": number}


def mode_render(job):
    out = {}
    for w in job["workloads"]:
        try:
            env = make_env(w["env"], w["templates"])
            out[w["name"]] = env.get_template(w["entry"]).render(w["data"])
        except Exception as e:  # report, don't die: the caller shows it
            out[w["name"]] = {"error": f"{type(e).__name__}: {e}"}
    return {"outputs": out}


def mode_time(job):
    times = {}
    for w in job["workloads"]:
        env = make_env(w["env"], w["templates"])
        tmpl = env.get_template(w["entry"])
        data = w["data"]
        times[w["name"]] = batches(lambda: tmpl.render(data), job["samples"], job["batch_ms"])
    return {"times": times}


def mode_compile(job):
    times = {}
    counter = [0]
    for label, spec in job["sources"].items():
        env = make_env(spec["env"], {})
        source, data = spec["source"], spec["data"]

        def compile_once():
            counter[0] += 1
            return env.from_string(f"{source}<!-- {counter[0]} -->")

        def compile_and_render():
            return compile_once().render(data)

        times[label] = {"compile": batches(compile_once, job["samples"], job["batch_ms"])}
        if job.get("first_render", True):
            times[label]["first_render"] = batches(compile_and_render, job["samples"], job["batch_ms"])
    return {"times": times}


def mode_memory(job):
    import gc
    import tracemalloc

    w = job["workload"]
    k = job["copies"]
    env = make_env(w["env"], {})
    source = w["templates"][w["entry"]]
    keep = []
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(k):
        t = env.from_string(f"{source}<!-- {i} -->")
        t.render(w["data"])
        keep.append(t)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"bytes_per_template": (after - before) / k}


def cold(template_path, data_path, kind):
    with open(template_path, encoding="utf-8") as f:
        source = f.read()
    with open(data_path, encoding="utf-8") as f:
        data = json.load(f)
    c1, t1 = time.process_time(), time.perf_counter()
    env = make_env(kind, {})
    tmpl = env.from_string(source)
    c2, t2 = time.process_time(), time.perf_counter()
    out = tmpl.render(data)
    c3, t3 = time.process_time(), time.perf_counter()
    print(json.dumps({
        "import": (T_IMPORT - T0) * 1000,
        "compile": (t2 - t1) * 1000,
        "render": (t3 - t2) * 1000,
        "importCpu": C_IMPORT * 1000,
        "compileCpu": (c2 - c1) * 1000,
        "renderCpu": (c3 - c2) * 1000,
        "length": len(out),
    }))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "cold":
        cold(*sys.argv[2:5])
        return
    job = json.load(sys.stdin)
    result = {"render": mode_render, "time": mode_time, "compile": mode_compile, "memory": mode_memory}[job["mode"]](job)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
