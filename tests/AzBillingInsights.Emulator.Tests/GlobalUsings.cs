// ImplicitUsings is off repo-wide; these are the namespaces nearly every test file needs.
global using System;
global using System.Collections.Generic;
global using System.IO;
global using System.Linq;
global using System.Net;
global using System.Net.Http;
global using System.Text.Json;
global using System.Threading.Tasks;
global using Xunit;
