// CloudFront Function (viewer request) for a site in an S3 bucket behind CloudFront.
// S3's REST endpoint has no index documents: map /ar/slug/ (and /ar/slug) to /ar/slug/index.html.
// Pair it with custom error responses (403 and 404 → /404.html, status 404); see README, "An S3 bucket behind CloudFront".
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.split('/').pop().indexOf('.') === -1) {
    request.uri = uri + '/index.html';
  }
  return request;
}
