/*
 * The page-level hreflang links in <head> are for search engines. Material's
 * bundle reads every link[rel=alternate] as the root of a language and fetches
 * "sitemap.xml" below it, which for page-level links is a 404 per language on
 * every page load. This runs before the bundle and hands the links a private
 * rel value in the live page only; the HTML served to crawlers is unchanged,
 * and sitemap.xml carries the same alternates.
 */
document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
  link.setAttribute("data-kb-rel", "alternate");
  link.setAttribute("rel", "x-kb-alternate");
});
