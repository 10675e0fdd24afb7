import os
os.environ["TZ"] = "UTC0"
import time
time.tzset()
for f,s in [('%Y-%m-%d','2024-02-29'),('%d/%m/%y %H:%M','5/1/24 7:05'),('%A %B %d %Y','friday JANUARY 05 2024'),('%I:%M %p','12:30 am'),('%I %p','1 PM'),('%p %I', 'pm 3'),('%j %Y','060 2024'),('%U %w %Y','10 3 2024'),('%W %w %Y','0 0 2024'),('%U %a %Y','0 Sun 2023'),('%U %a %Y','0 Mon 2023'),('%Y%m%d','20240105'),('%z','+0530'),('%z','-07:30:15.5'),('%z','Z'),('%z','+05:3015'),('%Z %Y','UTC 2020'),('%Z', 'gmt'),('%c','Fri Jan  5 09:03:07 2024'),('%x %X','01/05/24 09:03:07'),('%H:%M:%S.%f','1:2:3.45'),('%d','32'),('%Y-%m-%d','2023-02-29'),('%Y','0000'),('%m','13'),('%Y %Q','1'),('%Y %','2020 '),('%Y','2020 extra'),('%y','68'),('%y','69'),('%b %d','feb 29'),('%Y  %m', '2020 \t 5'),('%%%Y','%2020'),('%a', 'Mon'), ('%Y% m', '2020 5'), ('%Y', 'x'), ('%d %b', ' 5 Mar'), ('%d%m', '111'), ('%H%M%S', '123456'), ('%j', '366'), ('%G %V %u', '2024 01 1'), ('%G %V %a', '2021 53 Sun'), ('%V %a', '5 Mon'), ('%G', '2020'), ('%S', '61'), ('%Y-%m', "2020-0'1"), ('', ''), ('%M', '')]:
    try:
        t = time.strptime(s, f)
        print(repr(f), repr(s), t, t.tm_zone, t.tm_gmtoff)
    except ValueError as e: print(repr(f), repr(s), 'ValueError', e)
print(time.strptime('Fri Jan  5 09:03:07 2024'))
for bad in [(1, '%Y'), ('2020', 5), ()]:
    try: time.strptime(*bad)
    except TypeError as e: print(e)
import os
os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"; time.tzset()
for s in ["EST 2020", "edt 2020", "UTC 2020", "PST 2020"]:
    try:
        t = time.strptime(s, "%Z %Y"); print(t, t.tm_zone)
    except ValueError as e: print("ValueError", e)
