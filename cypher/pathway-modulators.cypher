// pathway-modulators
// What modulates a pathway: drugs, supplements, interventions and hormones acting on it, or on one of its members.
// Those acting on the pathway itself first, then the best supported.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   name        the modulator
//   type        drug, supplement, intervention or hormone
//   acts_on     the pathway itself, or the member it acts on
//   effect      'increases' or 'decreases' the entity it acts on, where the fact is signed; else its type
//               (REGULATES, BINDS_TO, ...): what a modulator does to a member is not said of the pathway
//   mechanism   the facts from the modulator to the pathway, written out
//   total       how many there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS pathway
CALL (pathway) {
  MATCH (x:Drug|Supplement|Intervention|Hormone)-[act]->(pathway)
  WHERE NOT type(act) IN ['RELATED_TO', 'PARTICIPATES_IN', 'PART_OF', 'ASSOCIATED_WITH']
  RETURN x, pathway AS target, act, 0 AS hops, x.name + ' -' + type(act) + '-> ' + pathway.name AS mechanism
  UNION
  MATCH (x:Drug|Supplement|Intervention|Hormone)-[act]->(member:Entity)-[part:PARTICIPATES_IN|PART_OF]->(pathway)
  WHERE NOT type(act) IN ['RELATED_TO', 'PARTICIPATES_IN', 'PART_OF', 'ASSOCIATED_WITH']
  RETURN x, member AS target, act, 1 AS hops,
         x.name + ' -' + type(act) + '-> ' + member.name + ' -' + type(part) + '-> ' + pathway.name AS mechanism
}
WITH x, target, act, hops, mechanism
ORDER BY hops, reduce(m = 0, v IN CASE WHEN act.evidence_level IS :: LIST<ANY> NOT NULL THEN act.evidence_level
                      ELSE [act.evidence_level] END | CASE WHEN v > m THEN v ELSE m END) DESC, size(coalesce(act.sources, [])) DESC, x.name, target.name, type(act)
WITH collect({x: x, target: target, act: act, mechanism: mechanism}) AS found
UNWIND found[0..$limit] AS row
RETURN row.x.name AS name, row.x.type AS type, row.target.name AS acts_on,
       CASE row.act.sign WHEN 1 THEN 'increases' WHEN -1 THEN 'decreases' ELSE type(row.act) END AS effect,
       row.mechanism AS mechanism, size(found) AS total
