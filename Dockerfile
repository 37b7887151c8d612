# onto's guide server for Neo4j Browser (docker-compose.yml's `guide` service): the package
# installed from this checkout, with its example garden, which names the kinds of entity the
# library's examples are.
FROM python:3.11-slim
WORKDIR /onto
COPY pyproject.toml README.md docker-compose.yml ./
COPY importer ./importer
COPY ontology ./ontology
COPY cypher ./cypher
COPY examples ./examples
RUN pip install --no-cache-dir -e .
EXPOSE 7475
CMD ["onto", "browser", "serve", "--host", "0.0.0.0", "--port", "7475"]
