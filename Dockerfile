# Outpost in the official Playwright image of the same version as our `playwright` dependency,
# so the bundled Chromium matches the driver. Keep the tag in step with package.json.
FROM mcr.microsoft.com/playwright:v1.65.1-noble

ENV NODE_ENV=production \
    OUTPOST_LOCATION=container
WORKDIR /opt/outpost

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY exporters ./exporters
COPY journeys ./journeys
COPY outpost.config.ts playwright.config.ts tsconfig.json ./

# `import { journey } from 'outpost'` must resolve from any project folder: Node looks in
# /node_modules last. `outpost` on PATH is the entrypoint.
RUN mkdir -p /node_modules \
 && ln -s /opt/outpost /node_modules/outpost \
 && ln -s /opt/outpost/bin/outpost.js /usr/local/bin/outpost \
 && mkdir -p /work && chown pwuser:pwuser /work

# The image's non-root user; Chromium keeps its sandbox.
USER pwuser
WORKDIR /work

# Mount your project (outpost.config.ts and journeys/) at /work.
ENTRYPOINT ["outpost"]
CMD ["serve", "--host", "0.0.0.0"]
