"""Winners by pref_voting for the profiles written by tests/differential.rs.

Usage: python pref_voting_winners.py PROFILES.json > WINNERS.json

PROFILES.json is a list of {"n": N, "complete": bool, "rankings": [[c, ...], ...], "counts": [k, ...]}:
candidates are 0..N-1, each ranking is a strict order of some of them (best first; the rest unranked),
with how many ballots cast it. The output is a list, one object per profile, mapping a method name to
the sorted list of winners that pref_voting 1.18.2 gives:

- plurality: `plurality` (Profile when complete; ProfileWithTies otherwise, where a ballot counts for
  its unique first choice and an empty ballot for no one);
- borda: `borda` on the Profile (complete rankings only);
- borda_truncated: `borda_for_profile_with_ties` with symmetric Borda (truncated profiles);
- irv_put: `instant_runoff_put` (parallel-universe tie-breaking: every candidate that wins under some order
  of eliminating those tied for fewest), on the Profile when complete, else on the ProfileWithTies (where
  it runs until one candidate is left, which elects the same: a candidate with more than half of the
  continuing ballots is never the one with fewest);
- schulze: `beat_path` (margins, Floyd-Warshall) on a ProfileWithTies using extended strict preference,
  i.e. a ranked candidate is preferred to every unranked one and unranked candidates are tied;
- schulze_profile: `beat_path` on the Profile (complete rankings only), as a cross-check of the above.
"""

import json
import sys

import pref_voting
import pref_voting.iterative_methods as iterative
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import borda, borda_for_profile_with_ties, plurality


def remember_subcounts():
    """PUT branches on every candidate tied for fewest and recomputes the same remaining sets again and
    again (exponential on the tie-heavy profiles here). Its recursion calls these two module-level
    functions by name, so wrapping them with a cache of (profile, remaining candidates) runs exactly
    pref_voting's own code, once per distinct subproblem. The cache is cleared for each profile."""
    cache = {}
    for name in ("instant_runoff_put", "_instant_runoff_put_for_profile_with_ties"):
        original = getattr(iterative, name)

        def cached(profile, curr_cands=None, _original=original, _name=name, **kwargs):
            key = (
                _name,
                id(profile),
                None if curr_cands is None else frozenset(curr_cands),
                tuple(sorted(kwargs.items())),
            )
            if key not in cache:
                cache[key] = _original(profile, curr_cands=curr_cands, **kwargs)
            return cache[key]

        setattr(iterative, name, cached)
    return cache


CACHE = remember_subcounts()


def ints(winners):
    return sorted(int(c) for c in winners)


def with_ties(n, rankings, counts):
    dicts = [{c: pos + 1 for pos, c in enumerate(r)} for r in rankings]
    return ProfileWithTies(dicts, rcounts=counts, candidates=list(range(n)))


def winners(profile):
    n = profile["n"]
    rankings = profile["rankings"]
    counts = profile["counts"]
    out = {}
    if profile["complete"]:
        prof = Profile(rankings, rcounts=counts)
        out["plurality"] = ints(plurality(prof))
        out["borda"] = ints(borda(prof))
        out["irv_put"] = ints(iterative.instant_runoff_put(prof))
        out["schulze_profile"] = ints(beat_path(prof))
    else:
        prof = with_ties(n, rankings, counts)
        out["plurality"] = ints(plurality(prof))
        out["borda_truncated"] = ints(borda_for_profile_with_ties(prof))
        out["irv_put"] = ints(iterative.instant_runoff_put(prof))
    extended = with_ties(n, rankings, counts)
    extended.use_extended_strict_preference()
    out["schulze"] = ints(beat_path(extended))
    return out


def main():
    assert pref_voting.__version__ == "1.18.2", pref_voting.__version__
    with open(sys.argv[1], encoding="utf-8") as f:
        profiles = json.load(f)
    out = []
    for p in profiles:
        CACHE.clear()
        out.append(winners(p))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
