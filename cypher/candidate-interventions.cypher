// candidate-interventions
// Drugs, supplements and interventions that could help a condition, by what the garden says of their targets:
// a candidate lowers something the garden says harms the condition (raises its risk, causes or worsens it), or
// raises something that helps it. Left out: those the garden already says treat, improve or prevent it, and
// those it says harm it. Ranked by how many targets support a candidate, then by the evidence on those facts;
// every candidate shows its paths, and the targets it pushes the wrong way.
//
// Parameters:
//   :param name => 'Cancer'
//   :param limit => 25      optional: at most this many rows
//
// Columns:
//   name        the candidate
//   type        drug, supplement or intervention
//   supporting  how many targets it pushes the helpful way
//   against     how many targets it pushes the harmful way
//   via         the supporting paths: how it acts on the target, and what the target does to the condition
//   caution     the paths that count against it
//   total       how many candidates there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS condition
// What the garden says raises (harms) or lowers (helps) the condition, and what acts on it with a sign.
MATCH (target:Entity)-[link:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE link.clinical_effect IS NOT NULL]->(condition)
MATCH (x:Drug|Supplement|Intervention)-[act:ACTIVATES|INHIBITS|UPREGULATES|DOWNREGULATES|INCREASES|DECREASES|DEGRADES|PRODUCES|REGULATES|AFFECTS WHERE act.sign IS NOT NULL]->(target)
WHERE x <> condition AND NOT EXISTS { (x)-[known:TREATS|IMPROVES|PREVENTS|WORSENS|CAUSES|CONTRIBUTES_TO|INCREASES_RISK_OF WHERE known.clinical_effect IS NOT NULL]->(condition) }
WITH condition, x, target, act, link ORDER BY type(act), type(link)
WITH condition, x, target, collect(DISTINCT act) AS acts, collect(DISTINCT link) AS links
// +1: the candidate moves the target the way that harms the condition; -1: the way that helps.
WITH condition, x, target, acts, links,
     [a IN acts | a.sign] AS signs, [l IN links | CASE l.clinical_effect WHEN 'harms' THEN 1 ELSE -1 END] AS harms
WITH condition, x, target, acts, links,
     CASE WHEN all(s IN signs WHERE s = signs[0]) AND all(h IN harms WHERE h = harms[0]) THEN signs[0] * harms[0] ELSE 0 END AS outcome,
     reduce(n = 0, f IN acts + links | n + reduce(m = 0, v IN CASE WHEN f.evidence_level IS :: LIST<ANY> NOT NULL THEN f.evidence_level
                                                  ELSE [f.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) + size(f.sources)) AS support
WITH x, outcome, support,
     x.name + ' -' + reduce(t = type(acts[0]), a IN tail(acts) | t + '|' + type(a)) + '-> ' + target.name
       + ' -' + reduce(t = type(links[0]), l IN tail(links) | t + '|' + type(l)) + '-> ' + condition.name AS path
ORDER BY support DESC, path
WITH x, [p IN collect({o: outcome, p: path}) WHERE p.o = -1 | p.p] AS via,
        [p IN collect({o: outcome, p: path}) WHERE p.o <> -1 | p.p] AS caution, sum(CASE outcome WHEN -1 THEN support END) AS support
WHERE size(via) > 0
ORDER BY size(via) DESC, size(caution), support DESC, x.name
WITH collect({x: x, via: via, caution: caution}) AS found
UNWIND found[0..$limit] AS row
RETURN row.x.name AS name, row.x.type AS type, size(row.via) AS supporting, size(row.caution) AS against,
       row.via AS via, row.caution AS caution, size(found) AS total
