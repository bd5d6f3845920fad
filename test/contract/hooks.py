"""
Schemathesis hooks of the contract test (test/contract/schemathesis.test.ts): strategies for the
formats the OpenAPI document names where JSON Schema cannot state a checksum, so that the
fuzzer's "valid" data are valid (api/schemas.ts).
"""
import schemathesis
from hypothesis import strategies as st


@st.composite
def niss(draw):
    # 11 digits, the last two 97 − (the first nine mod 97), the nine preceded by 2 from 2000 on.
    base = draw(st.integers(min_value=0, max_value=999_999_999))
    born_2000 = draw(st.booleans())
    check = 97 - ((2_000_000_000 + base if born_2000 else base) % 97)
    return f"{base:09d}{check:02d}"


@st.composite
def numero_entreprise(draw):
    # 10 digits starting with 0 or 1, the last two 97 − (the first eight mod 97).
    base = draw(st.integers(min_value=0, max_value=19_999_999))
    return f"{base:08d}{97 - base % 97:02d}"


schemathesis.openapi.format("niss", niss())
schemathesis.openapi.format("numero-entreprise", numero_entreprise())
