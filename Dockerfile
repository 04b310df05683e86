# syntax=docker/dockerfile:1
# The binary is static; the runtime image is Debian slim, not distroless,
# because reading the files offices send needs programs: poppler-utils
# (PDF text layers, rendering scans), tesseract-ocr with its Vietnamese
# model (scans and photos) and LibreOffice Writer (.doc). Without
# LibreOffice (build with --build-arg WITH_DOC=0, about 300 MB smaller) a
# .doc is refused with a message asking for .docx or PDF.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/chidao ./cmd/chidao

FROM debian:bookworm-slim
ARG WITH_DOC=1
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata poppler-utils tesseract-ocr tesseract-ocr-vie \
      $( [ "$WITH_DOC" = 1 ] && echo libreoffice-writer-nogui ) \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /home/chidao --create-home chidao
COPY --from=build /out/chidao /usr/local/bin/chidao
USER chidao
EXPOSE 8080
ENV CHIDAO_HTTP_ADDR=:8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["chidao", "health"]
ENTRYPOINT ["chidao"]
CMD ["serve"]
