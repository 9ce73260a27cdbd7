/**
 * fetch that fails on a non-2xx answer, naming the file and the status (the app's bundled data files). Defined here, once,
 * for the workers and the page: the page may import from workers/, the workers never from src/app.
 */
export async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}
