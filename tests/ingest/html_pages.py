"""Hand-written web pages for the HTML, feed and WARC tests (no real site's text is copied here).

``NEWS_PAGE`` is a realistic news article page: navigation, a cookie banner, a breadcrumb, share
buttons, a figure with caption and photo credit, a newsletter box, a related-stories rail, a
comment section and a footer around six paragraphs of article text.
"""

from __future__ import annotations

ARTICLE_PARAGRAPHS = (
    "Dock workers at the port of Westhaven walked off the job on Tuesday, halting the loading of "
    "grain ships for the second time this month, union officials said.",
    "The Harbour Workers Union said about 1,200 of its members had joined the stoppage, which it "
    "described as a response to unpaid overtime accumulated since the spring.",
    "\u201cWe have asked for talks three times and received no answer,\u201d said Marta Lindqvist, "
    "a spokeswoman for the union. \u201cThis is the only language the operators seem to understand.\u201d",
    "The port authority disputed the union's figures, saying fewer than 700 workers had failed to "
    "report for the morning shift and that two of the five grain terminals were still operating.",
    "Shipping agents estimated that at least 14 vessels were waiting at anchor outside the harbour "
    "by Tuesday evening, according to a statement from the regional chamber of commerce.",
    "The regional transport minister, Olof Brenner, urged both sides to return to negotiations and "
    "said the government was prepared to appoint a mediator if the strike continued beyond Friday.",
)

#: strings from the page furniture that must never reach the article text
FURNITURE = (
    "Accept all cookies",
    "We use cookies",
    "Subscribe to our daily briefing",
    "Photo: Anna Berg",
    "Cranes stand idle",
    "Share on Facebook",
    "Most read",
    "Ferry timetable changes announced",
    "All rights reserved",
    "Comments (12)",
    "Local weather",
    "Skip to content",
)


def news_page(
    *,
    lang: str = "en",
    charset_meta: str = "utf-8",
    paragraphs: tuple[str, ...] = ARTICLE_PARAGRAPHS,
    title: str = "Dock workers strike at Westhaven port | The Harbour Gazette",
) -> str:
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="{charset_meta}">
  <title>{title}</title>
  <link rel="canonical" href="https://harbourgazette.example/news/2024/03/12/dock-strike">
  <meta property="og:site_name" content="The Harbour Gazette">
  <meta property="og:title" content="Dock workers strike at Westhaven port">
  <meta property="og:url" content="https://harbourgazette.example/news/2024/03/12/dock-strike">
  <meta name="author" content="Jonas Ekberg">
  <meta property="article:published_time" content="2024-03-12T09:30:00+01:00">
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Dock workers strike at Westhaven port",
    "datePublished": "2024-03-12T09:30:00+01:00",
    "author": {{"@type": "Person", "name": "Jonas Ekberg"}},
    "publisher": {{"@type": "Organization", "name": "The Harbour Gazette"}}}}
  </script>
  <style>.banner {{ position: fixed; }}</style>
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <div id="cookie-banner" class="cookie-consent banner">
    <p>We use cookies to improve your experience on our site and to show you relevant advertising.</p>
    <button>Accept all cookies</button> <button>Manage settings</button>
  </div>
  <header class="site-header">
    <a href="/" class="logo">The Harbour Gazette</a>
    <nav class="main-menu">
      <ul>
        <li><a href="/news">News</a></li><li><a href="/business">Business</a></li>
        <li><a href="/sport">Sport</a></li><li><a href="/weather">Local weather</a></li>
        <li><a href="/opinion">Opinion</a></li>
      </ul>
    </nav>
  </header>
  <main id="main">
    <nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Port</nav>
    <article class="article">
      <h1>Dock workers strike at Westhaven port</h1>
      <div class="byline">By <span class="author">Jonas Ekberg</span>,
        <time datetime="2024-03-12T09:30:00+01:00">12 March 2024</time></div>
      <div class="share-tools">
        <a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a>
      </div>
      <figure class="lead-image">
        <img src="/img/cranes.jpg" alt="Cranes at the port">
        <figcaption>Cranes stand idle at the main container terminal on Tuesday.
          <span class="credit">Photo: Anna Berg</span></figcaption>
      </figure>
      <div class="article-body">
{body}
      </div>
      <aside class="newsletter">
        <h3>Subscribe to our daily briefing</h3>
        <p>Get the day's top stories in your inbox every morning.</p>
        <form><input type="email"><button>Sign up</button></form>
      </aside>
    </article>
    <aside class="related">
      <h2>Most read</h2>
      <ul>
        <li><a href="/news/ferry">Ferry timetable changes announced for the summer season</a></li>
        <li><a href="/news/bridge">Bridge repairs to close the coastal road for a week</a></li>
        <li><a href="/sport/regatta">Regatta organisers expect record entries this year</a></li>
      </ul>
    </aside>
    <section id="comments" class="comments">
      <h2>Comments (12)</h2>
      <div class="comment"><p>Reader7: About time somebody stood up to the operators.</p></div>
    </section>
  </main>
  <footer class="site-footer">
    <ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
    <p>&copy; 2024 The Harbour Gazette. All rights reserved.</p>
  </footer>
</body>
</html>
"""


NAV_ONLY_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Site map | Example</title></head>
<body><nav><ul><li><a href="/a">News</a></li><li><a href="/b">Sport</a></li>
<li><a href="/c">Weather</a></li></ul></nav><footer>&copy; 2024 Example</footer></body></html>"""

FRENCH_PARAGRAPHS = (
    "Les dockers du port de Westhaven ont cessé le travail mardi, interrompant le chargement des "
    "navires céréaliers pour la deuxième fois ce mois-ci, selon les responsables syndicaux.",
    "Le syndicat affirme qu'environ mille deux cents de ses membres ont rejoint le mouvement, en "
    "réponse aux heures supplémentaires impayées accumulées depuis le printemps.",
    "L'autorité portuaire conteste ces chiffres et assure que deux des cinq terminaux céréaliers "
    "fonctionnaient encore normalement dans la matinée.",
)
