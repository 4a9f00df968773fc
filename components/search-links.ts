/** Plain links to a title's search on each streaming site: nothing is fetched, the user decides to go. */
export const SEARCH_SITES = [
  { name: 'Netflix', url: (title: string) => `https://www.netflix.com/search?q=${encodeURIComponent(title)}` },
  { name: 'Prime Video', url: (title: string) => `https://www.primevideo.com/search/?phrase=${encodeURIComponent(title)}` },
  { name: 'Disney+', url: (title: string) => `https://www.disneyplus.com/search?q=${encodeURIComponent(title)}` },
] as const;
