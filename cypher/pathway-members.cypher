// pathway-members
// Members of a pathway: the entities that participate in it or are part of it, by type, best supported first.
//
// Parameters:
//   :param name => 'mTOR Pathway'
//   :param limit => 50      optional: at most this many rows
//
// Columns:
//   type          the member's entity type
//   name          the member
//   relationship  how the garden links it (PARTICIPATES_IN, PART_OF)
//   sources       the notes that state it
//   total         how many members there are in all
CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS pathway
MATCH (member:Entity)-[r:PARTICIPATES_IN|PART_OF]->(pathway)
WITH member, r ORDER BY type(r)
WITH member, collect(r) AS facts
WITH member, facts, reduce(n = 0, r IN facts | n + size(r.sources)) AS support
ORDER BY coalesce(member.type, 'untyped'), support DESC, member.name
WITH collect({member: member, facts: facts}) AS found
UNWIND found[0..$limit] AS row
RETURN coalesce(row.member.type, 'untyped') AS type, row.member.name AS name,
       reduce(t = type(row.facts[0]), r IN tail(row.facts) | t + '|' + type(r)) AS relationship,
       reduce(s = [], r IN row.facts | s + [x IN r.sources WHERE NOT x IN s]) AS sources, size(found) AS total
