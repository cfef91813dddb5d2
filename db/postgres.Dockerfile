# PostgreSQL for Passerelle: PostGIS (geography, KNN) and RUM (ranked full-text), the two
# extensions the search engine's migrations create. The PostGIS image is Debian-based and
# carries the PostgreSQL apt repository, which ships RUM.
FROM postgis/postgis:15-3.5
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15-rum \
 && rm -rf /var/lib/apt/lists/*
