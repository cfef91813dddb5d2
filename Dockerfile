# Passerelle: one image for the API and the worker (the command differs).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly: no build step to drift from the code.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json drizzle.config.ts ./
COPY src ./src
COPY workers ./workers
COPY db ./db
USER node
EXPOSE 3000
CMD ["npx", "tsx", "src/server.ts"]
