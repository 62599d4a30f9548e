"""Spark's xxhash64 of UTF-8 strings, so that the Python peer puts the same rows in cx's churn test
split without a JVM. Spark's XXH64 is the reference XXH64 over the string's bytes; xxhash64(a, b)
hashes a with seed 42, then b with the first hash as seed (org.apache.spark.sql.catalyst
.expressions.XxHash64). Checked against Spark by `python3 bench/lib/xxhash64.py` (values below
were printed by Spark 3.5.7: SELECT xxhash64('split:42', id)).
"""

MASK = (1 << 64) - 1
P1 = 0x9E3779B185EBCA87
P2 = 0xC2B2AE3D27D4EB4F
P3 = 0x165667B19E3779F9
P4 = 0x85EBCA77C2B2AE63
P5 = 0x27D4EB2F165667C5


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & MASK


def _round(acc, lane):
    acc = (acc + lane * P2) & MASK
    return (_rotl(acc, 31) * P1) & MASK


def _merge(acc, val):
    acc ^= _round(0, val)
    return (acc * P1 + P4) & MASK


def xxh64(data: bytes, seed: int) -> int:
    """Unsigned 64-bit XXH64 of data."""
    seed &= MASK
    n = len(data)
    i = 0
    if n >= 32:
        v1 = (seed + P1 + P2) & MASK
        v2 = (seed + P2) & MASK
        v3 = seed
        v4 = (seed - P1) & MASK
        while i + 32 <= n:
            v1 = _round(v1, int.from_bytes(data[i : i + 8], "little"))
            v2 = _round(v2, int.from_bytes(data[i + 8 : i + 16], "little"))
            v3 = _round(v3, int.from_bytes(data[i + 16 : i + 24], "little"))
            v4 = _round(v4, int.from_bytes(data[i + 24 : i + 32], "little"))
            i += 32
        h = (_rotl(v1, 1) + _rotl(v2, 7) + _rotl(v3, 12) + _rotl(v4, 18)) & MASK
        for v in (v1, v2, v3, v4):
            h = _merge(h, v)
    else:
        h = (seed + P5) & MASK
    h = (h + n) & MASK
    while i + 8 <= n:
        h ^= _round(0, int.from_bytes(data[i : i + 8], "little"))
        h = (_rotl(h, 27) * P1 + P4) & MASK
        i += 8
    if i + 4 <= n:
        h ^= (int.from_bytes(data[i : i + 4], "little") * P1) & MASK
        h = (_rotl(h, 23) * P2 + P3) & MASK
        i += 4
    while i < n:
        h ^= (data[i] * P5) & MASK
        h = (_rotl(h, 11) * P1) & MASK
        i += 1
    h ^= h >> 33
    h = (h * P2) & MASK
    h ^= h >> 29
    h = (h * P3) & MASK
    h ^= h >> 32
    return h


def spark_xxhash64(*values: str, seed: int = 42) -> int:
    """Spark's xxhash64(values...) of non-null strings, as a signed long."""
    h = seed
    for v in values:
        h = xxh64(v.encode("utf-8"), h)
    return h - (1 << 64) if h >= 1 << 63 else h


def unit(purpose: str, seed: int, customer_id: str) -> float:
    """cx's Splits.unit: pmod(xxhash64('purpose:seed', customer_id), 1e6) / 1e6."""
    return (spark_xxhash64(f"{purpose}:{seed}", customer_id) % 1_000_000) / 1_000_000.0


# Printed by Spark 3.5.7: SELECT id, xxhash64('split:42', id) (lengths 1 to 52 bytes).
SPARK_VALUES = {
    "x": 6775405299548103122,
    "c000001": 6265812080461303175,
    "c024999": -326551686549291309,
    "c0000001": 7802991861332251425,
    "C000001": -1784249318962293318,
    "a-much-longer-customer-identifier-over-32-bytes-long": -5603141473213875499,
}


def self_test() -> None:
    for cid, want in SPARK_VALUES.items():
        got = spark_xxhash64("split:42", cid)
        assert got == want, f"xxhash64('split:42', {cid!r}) = {got}, Spark says {want}"


if __name__ == "__main__":
    self_test()
    print("xxhash64: matches Spark on", len(SPARK_VALUES), "ids")
