"""Corpus benchmark: ingest and search throughput on a generated corpus (default 10,000 docs).

Run on demand (not part of pytest):  .venv/bin/python benchmarks/corpus/bench_corpus.py
Writes docs/benchmarks/corpus.md. Generated documents live in a temporary directory only.
Peers measured in the same run: a bare FTS5 insert of the same texts (ingest lower bound) and
a linear scan of every passage in Python (what keyword search would cost without an index).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from overture.corpus import CorpusStore, add_source_files, search
from overture.corpus.embedding import semantic_available
from overture.corpus.search import keyword_search, load_embeddings

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
SYLLABLES = ["ka", "ri", "mo", "ta", "ne", "so", "li", "va", "du", "pe", "zo", "gu", "ha", "bi"]
COMMON = ["the", "of", "and", "to", "in", "that", "is", "for", "with", "on", "as", "by", "was", "it", "not", "be", "are", "this", "from", "at", "have", "negotiation", "talks", "sanctions", "Iran", "United", "States", "leader", "nuclear", "trust", "deal"]  # fmt: skip


def make_vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return COMMON + sorted(words)


def make_document(rng: random.Random, vocab: list[str], cum_weights: list[float], i: int) -> str:
    def sentence(low: int = 8, high: int = 24) -> str:
        words = rng.choices(vocab, cum_weights=cum_weights, k=rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    title = " ".join(
        w.capitalize() for w in rng.choices(vocab, cum_weights=cum_weights, k=rng.randint(5, 9))
    )
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1980, 2024)}"
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(3, 6)))
                  for _ in range(rng.randint(5, 10))]  # fmt: skip
    notes = []
    for n in range(1, rng.randint(0, 3) + 1):
        paragraphs.insert(rng.randrange(len(paragraphs)), f"“{sentence()}” ({n})")
        notes.append(f"({n}) The Leader’s address to {sentence(3, 6)[:-1]}; {date}")
    return "\n\n".join([f"{title} {i}", date, *paragraphs, *notes]) + "\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks/corpus.md"))
    parser.add_argument("--embed-sample", type=int, default=512,
                        help="passages embedded with the real model (if installed)")  # fmt: skip
    args = parser.parse_args()
    rng = random.Random(20260522)
    vocab = make_vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf's law
    cum_weights = list(itertools.accumulate(weights))
    results: list[tuple[str, str]] = []

    with tempfile.TemporaryDirectory(prefix="overture-corpus-bench-") as tmp:
        root = Path(tmp)
        src = root / "docs"
        src.mkdir()
        t0 = time.perf_counter()
        paths = []
        for i in range(args.docs):
            path = src / f"doc{i:05}.txt"
            path.write_text(make_document(rng, vocab, cum_weights, i), encoding="utf-8")
            paths.append(path)
        total_bytes = sum(p.stat().st_size for p in paths)
        print(f"generated {len(paths)} documents, {total_bytes / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)  # fmt: skip

        # --- ingest: overture (read, strip, metadata, structure, FTS, one transaction)
        t0 = time.perf_counter()
        with CorpusStore.open(root / "corpus.sqlite3") as store:
            report = add_source_files(store, paths, embedder=None)
            ingest_s = time.perf_counter() - t0
            passages = store.count("passages")
            quotations = store.count("quotations")
            citations = store.count("citations")
        assert len(report.added) == args.docs
        # --- peer: bare FTS5 insert of the raw texts, one transaction
        t0 = time.perf_counter()
        raw = sqlite3.connect(root / "bare.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
        raw.execute("BEGIN")
        for path in paths:
            for para in path.read_text(encoding="utf-8").split("\n\n"):
                raw.execute("INSERT INTO t (text) VALUES (?)", (para,))
        raw.execute("COMMIT")
        raw.close()
        bare_s = time.perf_counter() - t0
        results.append(("Ingest (overture corpus add, all files in one transaction)",
                        f"{ingest_s:.1f} s · {args.docs / ingest_s:,.0f} docs/s · "
                        f"{total_bytes / 1e6 / ingest_s:.2f} MB/s"))  # fmt: skip
        results.append(("Peer: bare FTS5 insert of the same paragraphs",
                        f"{bare_s:.1f} s · {args.docs / bare_s:,.0f} docs/s "
                        f"(overture/bare = {ingest_s / bare_s:.1f}×)"))  # fmt: skip
        results.append(("Corpus", f"{args.docs:,} docs · {passages:,} passages · "
                        f"{quotations:,} quotations · {citations:,} citations · "
                        f"{total_bytes / 1e6:.1f} MB"))  # fmt: skip

        # --- keyword search latency over a mix of frequent, mid and rare words
        with CorpusStore.open(root / "corpus.sqlite3") as store:
            bands = {"frequent": vocab[:40], "mid": vocab[200:1200], "rare": vocab[3000:]}
            queries = []
            for n in range(args.queries):
                band = list(bands)[n % 3]
                queries.append(" ".join(rng.sample(bands[band], rng.randint(1, 3))))
            keyword_search(store, "warm up", 10)
            latencies, cpu, first_runs = [], [], []
            for query in queries:
                # best of three runs per query (as timeit advises): the least disturbed by
                # other jobs on a shared machine; the first (cold) run is reported too
                walls, cpus = [], []
                for _ in range(3):
                    t0, c0 = time.perf_counter(), time.thread_time()
                    search(store, query, mode="keyword", limit=10)
                    walls.append((time.perf_counter() - t0) * 1000)
                    cpus.append((time.thread_time() - c0) * 1000)
                first_runs.append(walls[0])
                latencies.append(min(walls))
                cpu.append(min(cpus))
            texts = [r[0] for r in store.connection.execute("SELECT text FROM passages")]
            scan = []
            for query in queries[:30]:
                words = query.lower().split()
                t0 = time.perf_counter()
                [t for t in texts if all(w in t.lower() for w in words)][:10]
                scan.append((time.perf_counter() - t0) * 1000)
        median_ms = statistics.median(latencies)
        p95_ms = percentile(latencies, 0.95)
        cpu_p95_ms = percentile(cpu, 0.95)
        results.append((f"Keyword search (FTS5 + BM25, limit 10), {len(queries)} queries of "
                        "1-3 words (frequent / mid / rare), wall clock, first run",
                        f"median {statistics.median(first_runs):.2f} ms · "
                        f"p95 {percentile(first_runs, 0.95):.2f} ms · "
                        f"max {max(first_runs):.2f} ms"))  # fmt: skip
        results.append(("Keyword search, wall clock, best of 3 runs per query",
                        f"median {median_ms:.2f} ms · p95 {p95_ms:.2f} ms · "
                        f"max {max(latencies):.2f} ms"))  # fmt: skip
        results.append(("Keyword search, CPU time of the searching thread (best of 3)",
                        f"median {statistics.median(cpu):.2f} ms · p95 {cpu_p95_ms:.2f} ms · "
                        f"max {max(cpu):.2f} ms"))  # fmt: skip
        results.append(("Peer: linear scan of all passages in Python",
                        f"median {statistics.median(scan):.0f} ms "
                        f"(scan/FTS5 = {statistics.median(scan) / median_ms:,.0f}×)"))  # fmt: skip

        # --- semantic: cosine search over one vector per passage
        with CorpusStore.open(root / "corpus.sqlite3") as store:
            ids = [r[0] for r in store.connection.execute("SELECT id FROM passages")]
            vectors = np.random.default_rng(1).standard_normal((len(ids), 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            with store.transaction():
                store.store_embeddings("bench-random-384", list(zip(ids, vectors, strict=True)))
            t0 = time.perf_counter()
            loaded_ids, matrix = load_embeddings(store, "bench-random-384")
            load_s = time.perf_counter() - t0
            query_vectors = vectors[:50] + 0.01
            cosine = []
            for q in query_vectors:
                t0 = time.perf_counter()
                scores = matrix @ (q / np.linalg.norm(q))
                top = np.argpartition(-scores, 9)[:10]
                top[np.argsort(-scores[top])]
                cosine.append((time.perf_counter() - t0) * 1000)
        results.append((f"Semantic: load {len(loaded_ids):,} float32[384] vectors from SQLite",
                        f"{load_s:.2f} s once per process (then cached)"))  # fmt: skip
        results.append(("Semantic: cosine top-10 with numpy (model time excluded)",
                        f"median {statistics.median(cosine):.1f} ms"))  # fmt: skip

        if semantic_available():
            from overture.corpus.embedding import load_default_embedder

            t0 = time.perf_counter()
            model = load_default_embedder()
            load_model_s = time.perf_counter() - t0
            sample = texts[: args.embed_sample]
            t0 = time.perf_counter()
            model.encode(sample)
            embed_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            for q in queries[:20]:
                model.encode([q])
            query_ms = (time.perf_counter() - t0) / 20 * 1000
            results.append(("all-MiniLM-L6-v2 (CPU): model load",
                            f"{load_model_s:.1f} s"))  # fmt: skip
            results.append((f"all-MiniLM-L6-v2: embed {len(sample)} passages",
                            f"{len(sample) / embed_s:,.0f} passages/s "
                            f"(whole corpus ≈ {passages / (len(sample) / embed_s) / 60:.0f} min)"))  # fmt: skip
            results.append(("all-MiniLM-L6-v2: embed one query", f"{query_ms:.0f} ms"))

    load = os.getloadavg()[0]
    verdict = "meets" if p95_ms < 50 else "MISSES"
    lines = [
        "# Corpus benchmark",
        "",
        f"Generated by `benchmarks/corpus/bench_corpus.py` on {time.strftime('%Y-%m-%d')} "
        f"({platform.python_implementation()} {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {platform.machine()}; a shared 2-core machine, so figures "
        "are indicative). Synthetic documents: Zipf-distributed pseudo-words, 5-10 paragraphs, "
        "some quotations with endnotes; generated in a temporary directory, never committed.",
        "",
        "| measure | result |",
        "| --- | --- |",
        *[f"| {name} | {value} |" for name, value in results],
        "",
        f"Target: keyword search under 50 ms on this corpus: p95 {p95_ms:.2f} ms wall clock "
        f"(best of 3), {verdict} it; p95 CPU time {cpu_p95_ms:.2f} ms. The machine's load "
        f"average was {load:.1f} on {os.cpu_count()} cores (other jobs running), so wall-clock "
        "figures include waiting for a core.",
        "",
        "Keyword ranking is exact BM25 for queries matching up to 5,000 passages; beyond that "
        "(queries of only very common words) the first 1,000 matches are ranked "
        "(`overture.corpus.search.EXACT_RANKING_LIMIT`, `CANDIDATES`).",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
